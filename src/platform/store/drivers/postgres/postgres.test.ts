import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalHostError, UsageError } from '../../../../core/errors.js';
import { describeStoreContract, testSecretKey } from '../../contract.js';
import { rejectionOf } from '../../contract-support.js';
import { openStore } from '../../index.js';
import { migrations } from '../../migrations/index.js';
import type { StoreOptions } from '../../types.js';

/** The machine's PostgreSQL (trust auth); each run works in databases of its own. */
const server = 'postgres://postgres@127.0.0.1:5432';
const created: string[] = [];

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<string> {
  const name = `palisade_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  created.push(name);
  return `${server}/${name}`;
}

function opener(url: string) {
  return (options: StoreOptions = {}) =>
    openStore(url, { env: { PALISADE_SECRET_KEY: testSecretKey }, ...options });
}

let runUrl = '';
beforeAll(async () => {
  runUrl = await createDatabase();
});
afterAll(async () => {
  await admin(async (client) => {
    for (const name of created) {
      await client.query(`drop database if exists ${name} with (force)`);
    }
  });
});

describeStoreContract(
  'postgres',
  (options) => opener(runUrl)(options),
  async () => opener(await createDatabase())
);

/** The key `drivers/postgres/index.ts` locks. */
const migrationLockKey = '7415303906041337';

/** Sessions waiting for an advisory lock in the database named. */
async function advisoryWaiters(database: string): Promise<number> {
  const result = await admin((client) =>
    client.query<{ n: string }>(
      `select count(*) as n from pg_locks l join pg_database d on d.oid = l.database
       where l.locktype = 'advisory' and not l.granted and d.datname = $1`,
      [database]
    )
  );
  return Number(result.rows[0]?.n);
}

/** A port nothing listens on: bound once by us, then closed. */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

describe('postgres driver', () => {
  const password = 'Sup3r-Secret-Pa55';

  it('names host:port/db when PostgreSQL cannot be reached, never the password', async () => {
    const port = await closedPort();
    const error = await rejectionOf(
      openStore(`postgres://palisade:${password}@127.0.0.1:${port}/palisade`, { env: {} })
    );
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toMatch(
      new RegExp(
        `^PostgreSQL at 127\\.0\\.0\\.1:${port}/palisade cannot be reached: .*ECONNREFUSED`
      )
    );
    expect(error.message).not.toContain(password);
    expect(JSON.stringify(error)).not.toContain(password);
  });

  it('counts a database that does not exist as unreachable, without the password', async () => {
    const error = await rejectionOf(
      openStore(
        `postgresql://postgres:${password}@127.0.0.1:5432/palisade_absent_${randomBytes(4).toString('hex')}`,
        { env: {} }
      )
    );
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:5432\/palisade_absent_\w+ cannot be reached: .*does not exist/
    );
    expect(error.message).not.toContain(password);
  });

  it('refuses a malformed URL without quoting it', async () => {
    const error = await rejectionOf(openStore(`postgres://user:${password}@[::1/db`, { env: {} }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).not.toContain(password);
  });

  it('waits while another server holds the migration lock, then finds its work', async () => {
    const url = await createDatabase();
    const name = url.split('/').pop() ?? '';
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    let opened: Awaited<ReturnType<typeof openStore>> | undefined;
    try {
      await holder.query(`select pg_advisory_lock(${migrationLockKey})`);
      const opening = openStore(url, { env: {} }).then((store) => (opened = store));
      // The opener shows up in pg_locks as a waiter on the key; until then, keep looking.
      for (let tries = 0; tries < 200 && (await advisoryWaiters(name)) === 0; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await advisoryWaiters(name)).toBe(1);
      expect(opened).toBeUndefined();
      await holder.query(`select pg_advisory_unlock(${migrationLockKey})`);
      const store = await opening;
      expect(store.migrated).toEqual(Object.keys(migrations));
    } finally {
      await opened?.close();
      await holder.end();
    }
  });

  it('takes the migration lock per database: another database migrates meanwhile', async () => {
    const url = await createDatabase();
    const holder = new pg.Client({ connectionString: runUrl });
    await holder.connect();
    try {
      // Hold every lock key a migration could use on the run's database, then migrate another.
      await holder.query(`select pg_advisory_lock(${migrationLockKey})`);
      const store = await openStore(url, { env: {} });
      expect(store.migrated).toEqual(Object.keys(migrations));
      expect(store.location).toBe(url.replace('postgres://postgres@', ''));
      const tables = await sql<{
        n: string;
      }>`select count(*) as n from information_schema.tables where table_schema = 'public'`.execute(
        store.db
      );
      expect(Number(tables.rows[0]?.n)).toBe(18);
      await store.close();
    } finally {
      await holder.end();
    }
  });
});
