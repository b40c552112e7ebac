/**
 * The module information of Go build information: one tab-separated record a line.
 *
 *     path   example.com/app/cmd/tool          the main package
 *     mod    example.com/app  (devel)          the main module
 *     dep    golang.org/x/net v0.17.0  h1:…    a dependency
 *     =>     example.com/fork v0.17.1  h1:…    replaces the module on the line before
 *     build  -trimpath=true                    build settings (ignored)
 */
export interface GoModule {
  path: string;
  /** Empty for a replacement by a local directory. */
  version: string;
  replacement?: GoModule;
}

export interface ModInfo {
  /** The main package's import path. */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  /** Lines that could not be understood: a `=>` with no module before it, a line with no path. */
  malformed: number;
}

export function parseModInfo(text: string): ModInfo {
  const info: ModInfo = { deps: [], malformed: 0 };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [key = '', path = '', version = ''] = line.split('\t');
    if (key === '' || key === 'build') {
      continue;
    }
    if ((key === 'path' || key === 'mod' || key === 'dep' || key === '=>') && path === '') {
      info.malformed++;
      continue;
    }
    switch (key) {
      case 'path':
        info.path = path;
        break;
      case 'mod':
        last = { path, version };
        info.main = last;
        break;
      case 'dep':
        last = { path, version };
        info.deps.push(last);
        break;
      case '=>':
        if (last === undefined || last.replacement !== undefined) {
          info.malformed++;
          break;
        }
        last.replacement = { path, version };
        break;
      default:
        // Keys a later Go may add are not modules; skipping them keeps the rest.
        break;
    }
  }
  return info;
}
