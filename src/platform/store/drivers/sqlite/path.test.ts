import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, isSqliteUrl, sqlitePath } from './path.js';

describe('sqlite paths', () => {
  it('claims sqlite: URLs and bare paths, not other schemes', () => {
    expect(isSqliteUrl('sqlite:/x.db')).toBe(true);
    expect(isSqliteUrl('data/palisade.db')).toBe(true);
    expect(isSqliteUrl('')).toBe(true);
    expect(isSqliteUrl('postgres://h/db')).toBe(false);
    expect(isSqliteUrl('file:/x.db')).toBe(false);
  });

  it('resolves the forms to one absolute file', () => {
    const env = { HOME: '/home/me' };
    expect(sqlitePath('sqlite:/srv/p.db', { env })).toBe('/srv/p.db');
    expect(sqlitePath('sqlite:///srv/p.db', { env })).toBe('/srv/p.db');
    expect(sqlitePath('rel/p.db', { env })).toBe(resolve('rel/p.db'));
    expect(sqlitePath('sqlite::memory:', { env })).toBe(':memory:');
    expect(sqlitePath('sqlite:', { env })).toBe('/home/me/.local/share/palisade/palisade.db');
    expect(sqlitePath('', { env, dataDir: '/data' })).toBe(join('/data', 'palisade.db'));
  });

  it('takes the data dir from XDG_DATA_HOME only when it is absolute', () => {
    expect(defaultDataDir({ env: { XDG_DATA_HOME: '/xdg', HOME: '/h' } })).toBe('/xdg/palisade');
    expect(defaultDataDir({ env: { XDG_DATA_HOME: 'rel', HOME: '/h' } })).toBe(
      '/h/.local/share/palisade'
    );
  });
});
