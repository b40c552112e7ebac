import { connect } from 'nats';
import pg from 'pg';

/** The machine's PostgreSQL and NATS, as the process tests use them. */
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

async function asAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates an empty database; `name` is the test's own `palisade_…` identifier. */
export async function createDatabase(name: string): Promise<void> {
  await asAdmin(`CREATE DATABASE ${name}`);
}

/** Drops the database, closing whatever sessions a killed process left on it. */
export async function dropDatabase(name: string): Promise<void> {
  await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Deletes every JetStream stream named `<prefix>-…`. */
export async function deleteStreams(prefix: string): Promise<void> {
  const nats = await connect({ servers: '127.0.0.1:4222' });
  try {
    const jsm = await nats.jetstreamManager();
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(`${prefix}-`)) {
        await jsm.streams.delete(name);
      }
    }
  } finally {
    await nats.close();
  }
}
