import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { StoreOptions } from '../../types.js';

const scheme = /^[a-z][a-z0-9+.-]*:/i;

/** `sqlite:PATH`, `sqlite://PATH` or a bare path (no scheme at all) name a SQLite file. */
export function isSqliteUrl(url: string): boolean {
  return url.startsWith('sqlite:') || !scheme.test(url);
}

export function defaultDataDir(options: StoreOptions): string {
  if (options.dataDir !== undefined) {
    return options.dataDir;
  }
  const env = options.env ?? process.env;
  const dataHome = env['XDG_DATA_HOME'];
  const base =
    dataHome !== undefined && isAbsolute(dataHome)
      ? dataHome
      : join(env['HOME'] ?? homedir(), '.local', 'share');
  return join(base, 'palisade');
}

/** The file a URL names: an empty `sqlite:` means the default, `<data dir>/palisade.db`. */
export function sqlitePath(url: string, options: StoreOptions): string {
  let path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (path.startsWith('//')) {
    path = path.slice(2);
  }
  if (path === '') {
    return join(defaultDataDir(options), 'palisade.db');
  }
  return path === ':memory:' ? path : resolve(path);
}
