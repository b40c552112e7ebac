import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../../core/errors.js';
import { describeStoreContract, testSecretKey } from '../../contract.js';
import { rejectionOf } from '../../contract-support.js';
import { openStore } from '../../index.js';
import type { StoreOptions } from '../../types.js';

const root = mkdtempSync(join(tmpdir(), 'palisade-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let databases = 0;
function freshPath(): string {
  databases += 1;
  return join(root, `db-${databases}`, 'palisade.db');
}

const runPath = freshPath();
function opener(path: string) {
  return (options: StoreOptions = {}) =>
    openStore(`sqlite:${path}`, { env: { PALISADE_SECRET_KEY: testSecretKey }, ...options });
}

describeStoreContract('sqlite', opener(runPath), () => Promise.resolve(opener(freshPath())));

describe('sqlite driver', () => {
  it('creates the folder 0700 and the file 0600, in WAL mode with foreign keys on', async () => {
    const path = freshPath();
    const store = await openStore(path, { env: {} });
    try {
      expect(store.dialect).toBe('sqlite');
      expect(store.location).toBe(path);
      expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(journal.rows).toEqual([{ journal_mode: 'wal' }]);
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      expect(keys.rows).toEqual([{ foreign_keys: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('opens <data dir>/palisade.db by default, and reads sqlite:// and bare paths', async () => {
    const dataDir = join(root, 'data-home');
    const byDefault = await openStore(undefined, { dataDir, env: {} });
    await byDefault.close();
    expect(byDefault.location).toBe(join(dataDir, 'palisade.db'));
    const xdg = await openStore('sqlite:', { env: { XDG_DATA_HOME: join(root, 'xdg') } });
    await xdg.close();
    expect(xdg.location).toBe(join(root, 'xdg', 'palisade', 'palisade.db'));
    const slashes = await openStore(`sqlite://${join(root, 'slashes.db')}`, { env: {} });
    await slashes.close();
    expect(slashes.location).toBe(join(root, 'slashes.db'));
  });

  it('says clearly when the file cannot be created where the path points', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const error = await rejectionOf(openStore(join(file, 'sub', 'palisade.db'), { env: {} }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `cannot create the folder for the SQLite store ${join(file, 'sub', 'palisade.db')}: ENOTDIR`
    );
  });

  it('refuses a file that is not a SQLite database', async () => {
    const file = join(root, 'garbage.db');
    writeFileSync(file, Buffer.alloc(4096, 0x41));
    const error = await rejectionOf(openStore(file, { env: {} }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`${file}: not a usable SQLite database`);
  });
});
