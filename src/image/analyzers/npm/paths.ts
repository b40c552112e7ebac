/** The npm files this analyzer reads, told apart by path alone. */
export type NpmFileKind = 'installed' | 'package-lock' | 'yarn-lock' | 'pnpm-lock';

// A Map, not an object literal: a file named `constructor` must not find Object's.
const lockFiles: ReadonlyMap<string, NpmFileKind> = new Map([
  ['package-lock.json', 'package-lock'],
  ['npm-shrinkwrap.json', 'package-lock'],
  ['yarn.lock', 'yarn-lock'],
  ['pnpm-lock.yaml', 'pnpm-lock'],
]);

/**
 * `node_modules/x/package.json` and `node_modules/@s/x/package.json` (at any depth, after the
 * last `node_modules` segment) are installed packages. Lock files count only outside
 * node_modules: one inside belongs to a package's own sources, not to what was installed.
 */
export function fileKind(path: string): NpmFileKind | undefined {
  // Asked of every file in every layer: the name alone rules out almost all of them.
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base !== 'package.json' && !lockFiles.has(base)) {
    return undefined;
  }
  const segments = path.split('/');
  const last = segments.lastIndexOf('node_modules');
  if (base === 'package.json') {
    return last >= 0 && isPackageRoot(segments.slice(last + 1, -1)) ? 'installed' : undefined;
  }
  return last >= 0 ? undefined : lockFiles.get(base);
}

/**
 * The folders between `node_modules` and `package.json` name a package only as `x` or `@s/x`.
 * Deeper files (`x/lib/package.json`, `x/esm/package.json` holding `{"type":"module"}`) are
 * parts of a package; dot folders (`.bin`, `.cache`, `.pnpm`) and a bare scope folder are not
 * packages at all.
 */
function isPackageRoot(folders: readonly string[]): boolean {
  const [first, second] = folders;
  if (first === undefined || first.startsWith('.')) {
    return false;
  }
  if (folders.length === 1) {
    return !first.startsWith('@');
  }
  return (
    folders.length === 2 &&
    first.length > 1 &&
    first.startsWith('@') &&
    second !== undefined &&
    second !== '' &&
    !second.startsWith('.') &&
    !second.startsWith('@')
  );
}
