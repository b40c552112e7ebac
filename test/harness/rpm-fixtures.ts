import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import type { PackageRecord } from '../../src/core/package.js';
import type { HeaderBlob } from '../../src/image/analyzers/rpm/db-blob.js';

/**
 * Test support: real rpm databases made at test time by Debian's own rpm tools, so the
 * parsers are checked against what rpm writes and prints, not against our reading of it.
 * Not a test file itself; the *.test.ts files beside it build what they need in beforeAll.
 */

/** What `rpm -qa` prints for one package; absent fields are rpm's "(none)". */
export interface QueriedPackage {
  name: string;
  epoch?: number;
  version: string;
  release: string;
  arch: string;
  sourceRpm: string;
  license?: string;
  vendor?: string;
}

export interface RpmFixture {
  dir: string;
  /** The root rpm installed into (`--justdb`: the database only, no files). */
  root: string;
  /** rpmdb.sqlite exactly as rpm wrote it. */
  sqlite: Buffer;
  /** The header blobs in that database, by package number. */
  blobs: HeaderBlob[];
  /** What rpm itself lists for that database, gpg-pubkey included. */
  queried: QueriedPackage[];
  cleanup: () => void;
}

const DB_PATH = '/var/lib/rpm';
const QUERY_FORMAT = [
  'NAME',
  'EPOCH',
  'VERSION',
  'RELEASE',
  'ARCH',
  'SOURCERPM',
  'LICENSE',
  'VENDOR',
].map((tag) => `%{${tag}}`);

/** Small packages covering each field: epoch set, epoch 0, no vendor, a sub-package. */
const SPECS: Record<string, string> = {
  alpha: `Name: alpha
Version: 1.2.3
Release: 4.el9
Summary: plain package
License: MIT and BSD
Vendor: Palisade Test
BuildArch: noarch
%description
alpha
%install
mkdir -p %{buildroot}/usr/bin %{buildroot}/usr/lib/python3.9/site-packages/alpha-1.2.3.dist-info
echo '#!/bin/sh' > %{buildroot}/usr/bin/alpha
printf 'Metadata-Version: 2.1\\nName: alpha\\nVersion: 1.2.3\\n' > %{buildroot}/usr/lib/python3.9/site-packages/alpha-1.2.3.dist-info/METADATA
%files
/usr/bin/alpha
/usr/lib/python3.9/site-packages/alpha-1.2.3.dist-info
`,
  beta: `Name: beta
Epoch: 2
Version: 0.9
Release: 1
Summary: package with an epoch
License: GPLv2+
BuildArch: noarch
%description
beta
%files
`,
  // A header of some 20 KB, so Berkeley DB must keep it on a chain of overflow pages.
  gamma: `Name: gamma
Epoch: 0
Version: 10.0~rc1
Release: 3.fc40
Summary: large header and a sub-package
License: ASL 2.0
Vendor: Other Vendor
BuildArch: noarch
%description
${Array.from({ length: 40 }, (_, line) => `line ${line} ${'x'.repeat(480)}`).join('\n')}
%package -n gamma-libs
Summary: sub-package
%description -n gamma-libs
libs
%files
%files -n gamma-libs
`,
  'gpg-pubkey': `Name: gpg-pubkey
Version: 5a6340b3
Release: 6229229e
Summary: stands in for an imported signing key
License: pubkey
BuildArch: noarch
%description
key
%files
`,
};

/** Runs a tool; a missing tool fails the test with the Debian package that provides it. */
export function run(command: string, args: string[], debianPackage: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        `${command} is not installed: run 'apt-get install -y ${debianPackage}' (the rpm analyzer tests build real rpm databases with it)`
      );
    }
    throw result.error;
  }
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

/** Builds the fixture before a test file's tests and removes it after, even on failure. */
export function useRpmFixture(): () => RpmFixture {
  let fixture: RpmFixture | undefined;
  beforeAll(() => {
    fixture = buildRpmFixture();
  });
  afterAll(() => {
    fixture?.cleanup();
  });
  return () => {
    if (fixture === undefined) {
      throw new Error('the rpm fixture was not built (see the beforeAll error)');
    }
    return fixture;
  };
}

export function buildRpmFixture(): RpmFixture {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-rpm-'));
  try {
    return buildIn(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function buildIn(dir: string): RpmFixture {
  const topdir = join(dir, 'rpmbuild');
  const specs = Object.entries(SPECS).map(([name, text]) => {
    const file = join(dir, `${name}.spec`);
    writeFileSync(file, text);
    return file;
  });
  run('rpmbuild', ['--define', `_topdir ${topdir}`, '--quiet', '-bb', ...specs], 'rpm');
  const rpms = readdirSync(join(topdir, 'RPMS'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.rpm'))
    .map((file) => join(topdir, 'RPMS', file));
  const root = join(dir, 'sqlite-root');
  run('rpm', [...rootArgs(root), '-i', '--nodeps', '--justdb', '--noscripts', ...rpms], 'rpm');
  const dbFile = join(root, DB_PATH, 'rpmdb.sqlite');
  return {
    dir,
    root,
    sqlite: readFileSync(dbFile),
    blobs: readBlobs(dbFile),
    queried: queryRpm(root),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function rootArgs(root: string, backend?: string): string[] {
  const args = ['--root', root, '--dbpath', DB_PATH];
  return backend === undefined ? args : [...args, '--define', `_db_backend ${backend}`];
}

/** Lists a database the way rpm sees it; `bdb_ro` is Debian rpm's Berkeley DB reader. */
export function queryRpm(root: string, backend?: string): QueriedPackage[] {
  const format = `${QUERY_FORMAT.join('\\t')}\\n`;
  return run('rpm', [...rootArgs(root, backend), '-qa', '--qf', format], 'rpm')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [name, epoch, version, release, arch, sourceRpm, license, vendor] = line
        .split('\t')
        .map((field) => (field === '(none)' ? undefined : field));
      const queried: QueriedPackage = {
        name: name ?? '',
        version: version ?? '',
        release: release ?? '',
        arch: arch ?? '',
        sourceRpm: sourceRpm ?? '',
      };
      if (epoch !== undefined) {
        queried.epoch = Number(epoch);
      }
      if (license !== undefined) {
        queried.license = license;
      }
      if (vendor !== undefined) {
        queried.vendor = vendor;
      }
      return queried;
    })
    .sort(byName);
}

/** Every path rpm says the database's packages installed, as `rpm -qal` prints them. */
export function queryRpmFiles(root: string): string[] {
  return run('rpm', [...rootArgs(root), '-qal'], 'rpm')
    .split('\n')
    .filter((line) => line.startsWith('/'))
    .sort();
}

function readBlobs(dbFile: string): HeaderBlob[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').all();
    return rows.map((row) => {
      const { hnum, blob } = row as { hnum: number; blob: Buffer };
      return { key: hnum, blob };
    });
  } finally {
    db.close();
  }
}

/** The records the analyzer should report for packages rpm listed: everything but keys. */
export function expectedRecords(queried: QueriedPackage[]): PackageRecord[] {
  return queried
    .filter((pkg) => pkg.name !== 'gpg-pubkey')
    .map((pkg) => {
      const [, sourceName = '', sourceVersion = ''] =
        /^(.+)-([^-]+-[^-]+)\.src\.rpm$/.exec(pkg.sourceRpm) ?? [];
      const record: PackageRecord = {
        type: 'rpm',
        name: pkg.name,
        version: `${pkg.version}-${pkg.release}`,
        arch: pkg.arch,
        licenses: pkg.license === undefined ? [] : [pkg.license],
        source: { name: sourceName, version: sourceVersion },
      };
      if (pkg.epoch !== undefined) {
        record.epoch = pkg.epoch;
      }
      if (pkg.vendor !== undefined) {
        record.vendor = pkg.vendor;
      }
      return record;
    })
    .sort(byName);
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface BerkeleyDbOptions {
  pageSize?: number;
  bigEndian?: boolean;
  checksum?: boolean;
  /** Store every header this many times under fresh keys, to grow many hash buckets. */
  copies?: number;
}

/**
 * Writes a real Berkeley DB hash file with db5.3_load (Debian's rpm can read Berkeley DB but
 * no longer write it), holding the fixture's headers and rpm's key-0 counter record, under
 * ROOT/var/lib/rpm/Packages so that `rpm --define '_db_backend bdb_ro'` can list it too.
 */
export function buildBerkeleyDb(
  fixture: RpmFixture,
  name: string,
  options: BerkeleyDbOptions = {}
): { root: string; content: Buffer } {
  const root = join(fixture.dir, name);
  const dbDir = join(root, DB_PATH);
  mkdirSync(dbDir, { recursive: true });
  const packageNumber = (key: number) => {
    const bytes = Buffer.alloc(4);
    if (options.bigEndian === true) {
      bytes.writeUInt32BE(key);
    } else {
      bytes.writeUInt32LE(key);
    }
    return bytes;
  };
  const records: [Buffer, Buffer][] = [];
  let nextKey = 1;
  for (let copy = 0; copy < (options.copies ?? 1); copy++) {
    for (const { blob } of fixture.blobs) {
      records.push([packageNumber(nextKey++), blob]);
    }
  }
  records.push([packageNumber(0), packageNumber(nextKey)]);
  const header = ['VERSION=3', 'format=bytevalue', 'type=hash'];
  header.push(`db_pagesize=${options.pageSize ?? 4096}`);
  header.push(`db_lorder=${options.bigEndian === true ? 4321 : 1234}`);
  if (options.checksum === true) {
    header.push('chksum=1');
  }
  const lines = [...header, 'HEADER=END'];
  for (const [key, value] of records) {
    lines.push(` ${key.toString('hex')}`, ` ${value.toString('hex')}`);
  }
  lines.push('DATA=END', '');
  const input = join(fixture.dir, `${name}.txt`);
  writeFileSync(input, lines.join('\n'));
  const file = join(dbDir, 'Packages');
  run('db5.3_load', ['-f', input, file], 'db5.3-util');
  return { root, content: readFileSync(file) };
}

/**
 * Writes an ndb Packages.db following the layout of rpm's lib/backend/ndb/rpmpkg.c. Debian's
 * rpm is built without ndb, so no Debian tool can write one; the blobs inside are still the
 * real headers rpm wrote. Slot 2 is left free and the blobs are laid out in reverse order,
 * as a database that has seen erases and reinstalls would be.
 */
export function buildNdb(blobs: HeaderBlob[]): Buffer {
  const pageSize = 4096;
  const slotsNeeded = blobs.length + 3;
  const slotPages = Math.max(1, Math.ceil((slotsNeeded * 16) / pageSize));
  const slotArea = Buffer.alloc(slotPages * pageSize);
  for (let at = 0; at < slotArea.length; at += 16) {
    slotArea.write('Slot', at, 'latin1');
  }
  slotArea.write('RpmP', 0, 'latin1');
  slotArea.writeUInt32LE(0, 4);
  slotArea.writeUInt32LE(7, 8);
  slotArea.writeUInt32LE(slotPages, 12);
  slotArea.writeUInt32LE(Math.max(0, ...blobs.map((blob) => blob.key)) + 1, 16);
  const pieces: Buffer[] = [slotArea];
  let block = (slotPages * pageSize) / 16;
  [...blobs].reverse().forEach(({ key, blob }, index) => {
    const blocks = Math.ceil((16 + blob.length + 12) / 16);
    const framed = Buffer.alloc(blocks * 16);
    framed.write('BlbS', 0, 'latin1');
    framed.writeUInt32LE(key, 4);
    framed.writeUInt32LE(1_700_000_000, 8);
    framed.writeUInt32LE(blob.length, 12);
    blob.copy(framed, 16);
    const tail = framed.length - 12;
    framed.writeUInt32LE(adler32(framed.subarray(0, tail)), tail);
    framed.writeUInt32LE(blob.length, tail + 4);
    framed.write('BlbE', tail + 8, 'latin1');
    const slot = 3 + index;
    slotArea.writeUInt32LE(key, slot * 16 + 4);
    slotArea.writeUInt32LE(block, slot * 16 + 8);
    slotArea.writeUInt32LE(blocks, slot * 16 + 12);
    pieces.push(framed);
    block += blocks;
  });
  return Buffer.concat(pieces);
}

function adler32(bytes: Buffer): number {
  let low = 1;
  let high = 0;
  for (const byte of bytes) {
    low = (low + byte) % 65521;
    high = (high + low) % 65521;
  }
  return ((high << 16) | low) >>> 0;
}

/** Runs code that must throw an InputError and returns it, so tests can read the message. */
export function inputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) {
      return error;
    }
    throw new Error(`expected an InputError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an InputError, nothing was thrown');
}
