import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AdvisoryDb } from './reader.js';

/**
 * Air-gapped sites carry the database as one file. Export copies it; import checks that the
 * file is a database this version reads before it replaces the current one, by rename, so a
 * bad file never takes the place of a good database.
 */
export async function exportAdvisoryDb(from: string, to: string): Promise<void> {
  AdvisoryDb.open(from).close();
  await atomicCopy(from, to);
}

export async function importAdvisoryDb(from: string, to: string): Promise<void> {
  const candidate = AdvisoryDb.open(from);
  try {
    candidate.verify();
  } finally {
    candidate.close();
  }
  await atomicCopy(from, to);
}

async function atomicCopy(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const temp = join(dirname(to), `.${basename(to)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
