import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { OsvRecord } from '../../osv/schema.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

const samplePath = join(import.meta.dirname, 'tracker-sample.json');
const sample = readFileSync(samplePath, 'utf8');

let root: string;
let context: SourceContext;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-debian-tracker-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(location: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read(location, context)) {
    items.push(item);
  }
  return items;
}

function write(name: string, content: string | Buffer): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

function summary(items: readonly SourceItem[]): string[] {
  return items.map((item) =>
    item.kind === 'record'
      ? `record ${item.origin} ${item.record.id}`
      : `error ${item.origin}: ${item.message}`
  );
}

function recordOf(items: readonly SourceItem[], id: string): OsvRecord {
  const found = items.find((item) => item.kind === 'record' && item.record.id === id);
  if (found?.kind !== 'record') {
    throw new Error(`no record ${id}`);
  }
  return found.record;
}

/** Each entry as `ecosystem status events`, the part of a record a verdict depends on. */
function entries(record: OsvRecord): string[] {
  return (record.affected ?? []).map((entry) => {
    const events = (entry.ranges ?? []).flatMap((range) =>
      range.events.map((event) => Object.entries(event).flat().join(' '))
    );
    const status = String(entry.database_specific?.['status']);
    return `${entry.package.ecosystem} ${status}: ${events.join(', ')}`;
  });
}

describe('debian-tracker source: converting the tracker JSON', () => {
  let items: SourceItem[];

  beforeAll(async () => {
    items = await collect(samplePath);
  });

  it('yields one record per package and issue that affects a numbered release, and the errors', () => {
    expect(summary(items)).toEqual([
      'record tracker-sample.json:bash/TEMP-0000000-F7A20F DEBIAN-TRACKER-TEMP-0000000-F7A20F:bash',
      'record tracker-sample.json:bind9/CVE-2023-3341 DEBIAN-TRACKER-CVE-2023-3341:bind9',
      'record tracker-sample.json:glibc/CVE-2019-1010022 DEBIAN-TRACKER-CVE-2019-1010022:glibc',
      'record tracker-sample.json:glibc/CVE-2025-4802 DEBIAN-TRACKER-CVE-2025-4802:glibc',
      'record tracker-sample.json:openssl/CVE-2023-5678 DEBIAN-TRACKER-CVE-2023-5678:openssl',
      // sudo: not affected in bookworm (fixed_version 0), and sid has no release number.
      'error tracker-sample.json:zlib/CVE-2023-45853: bullseye: fixed_version "1:1.2.11.dfsg-2+deb11u3 (broken)" is not a valid dpkg version',
      'record tracker-sample.json:zlib/CVE-2023-45853 DEBIAN-TRACKER-CVE-2023-45853:zlib',
    ]);
  });

  it('yields only records that pass the OSV schema', () => {
    for (const item of items) {
      if (item.kind === 'record') {
        expect(OsvRecord.safeParse(item.record).success, item.record.id).toBe(true);
      }
    }
  });

  it('writes a whole record: ranges, urgency, aliases, references, details', () => {
    expect(recordOf(items, 'DEBIAN-TRACKER-CVE-2023-3341:bind9')).toEqual({
      id: 'DEBIAN-TRACKER-CVE-2023-3341:bind9',
      modified: '1970-01-01T00:00:00Z',
      aliases: ['CVE-2023-3341'],
      details:
        'The code that processes control channel messages sent to `named` calls certain functions recursively during packet parsing.',
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'bind9' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:9.18.19-1~deb12u1' }] },
          ],
          database_specific: { codename: 'bookworm', status: 'fixed', urgency: 'not yet assigned' },
        },
        {
          package: { ecosystem: 'Debian:11', name: 'bind9' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:9.16.44-1~deb11u1' }] },
          ],
          database_specific: { codename: 'bullseye', status: 'fixed', urgency: 'not yet assigned' },
        },
        {
          package: { ecosystem: 'Debian:10', name: 'bind9' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
          database_specific: { codename: 'buster', status: 'end-of-life' },
        },
      ],
      references: [
        { type: 'WEB', url: 'https://security-tracker.debian.org/tracker/CVE-2023-3341' },
        { type: 'REPORT', url: 'https://bugs.debian.org/1052417' },
      ],
      database_specific: {
        package: 'bind9',
        issue: 'CVE-2023-3341',
        scope: 'remote',
        debianbug: 1052417,
      },
    });
  });

  it('skips sid and codenames it cannot number, keeping the releases it can', () => {
    // bind9 also lists `duke` (no number known here) and `sid`.
    expect(entries(recordOf(items, 'DEBIAN-TRACKER-CVE-2023-3341:bind9'))).toEqual([
      'Debian:12 fixed: introduced 0, fixed 1:9.18.19-1~deb12u1',
      'Debian:11 fixed: introduced 0, fixed 1:9.16.44-1~deb11u1',
      'Debian:10 end-of-life: introduced 0',
    ]);
  });

  it('leaves out a release that was never affected (fixed_version 0) or is undetermined', () => {
    const bash = recordOf(items, 'DEBIAN-TRACKER-TEMP-0000000-F7A20F:bash');
    expect(entries(bash)).toEqual(['Debian:12 affected: introduced 0']);
    // forky is undetermined.
    expect(entries(recordOf(items, 'DEBIAN-TRACKER-CVE-2025-4802:glibc'))).toEqual([
      'Debian:12 affected: introduced 0',
      'Debian:11 affected: introduced 0',
      'Debian:13 fixed: introduced 0, fixed 2.41-6',
    ]);
  });

  it('keeps TEMP- issues as records, without aliases', () => {
    const bash = recordOf(items, 'DEBIAN-TRACKER-TEMP-0000000-F7A20F:bash');
    expect(bash.aliases).toBeUndefined();
    expect(bash.details).toBe(
      'bash: privileged-mode issues (see "man bash", section {RESTRICTED SHELL})'
    );
    expect(bash.affected?.[0]?.database_specific).toEqual({
      codename: 'bookworm',
      status: 'affected',
      urgency: 'unimportant',
    });
  });

  it('keeps no-DSA notes on open issues, and marks an urgency NVD assigned', () => {
    const glibc = recordOf(items, 'DEBIAN-TRACKER-CVE-2025-4802:glibc');
    expect(glibc.affected?.map((entry) => entry.database_specific)).toEqual([
      {
        codename: 'bookworm',
        status: 'affected',
        urgency: 'low',
        urgency_from_nvd: true,
        nodsa: 'Minor issue',
        nodsa_reason: 'postponed',
      },
      {
        codename: 'bullseye',
        status: 'affected',
        urgency: 'medium',
        nodsa: 'Static setuid binaries are not used',
        nodsa_reason: 'ignored',
      },
      { codename: 'trixie', status: 'fixed', urgency: 'low', urgency_from_nvd: true },
    ]);
  });

  it('reads escapes and non-ASCII text in descriptions as JSON means them', () => {
    const openssl = recordOf(items, 'DEBIAN-TRACKER-CVE-2023-5678:openssl');
    expect(openssl.details).toBe(
      'Issue summary: "Generating excessively long X9.42 DH keys" or {checking} [params] may be slow \\ a path C:\\temp\\ and a quote \\"; café naïve — 日本語 ✓ }]"{['
    );
    expect(entries(openssl)).toEqual([
      'Debian:12 fixed: introduced 0, fixed 3.0.13-1~deb12u1',
      'Debian:11 fixed: introduced 0, fixed 1.1.1w-0+deb11u2',
      'Debian:9 end-of-life: introduced 0',
    ]);
  });

  it('keeps the rest of an issue when one release has a version dpkg cannot read', () => {
    expect(entries(recordOf(items, 'DEBIAN-TRACKER-CVE-2023-45853:zlib'))).toEqual([
      'Debian:12 affected: introduced 0',
      'Debian:13 fixed: introduced 0, fixed 1:1.3.dfsg-1',
    ]);
  });

  it('converts the same file to the same records every time', async () => {
    const copy = join(root, 'tracker-sample.json');
    copyFileSync(samplePath, copy);

    expect(await collect(copy)).toEqual(items);
  });
});

describe('debian-tracker source: problems inside the file', () => {
  it('reports a package whose JSON is broken, and reads the packages after it', async () => {
    const text = sample.replace(
      '"glibc": {\n    "CVE-2019-1010022": {',
      '"glibc": {\n    "CVE-2019-1010022": {"oops" 1,'
    );
    const items = await collect(write('broken-package.json', text));

    expect(summary(items).filter((line) => line.startsWith('error'))).toEqual([
      expect.stringMatching(/^error broken-package\.json:glibc: not valid JSON: /),
      expect.stringMatching(/^error broken-package\.json:zlib\/CVE-2023-45853: bullseye: /),
    ]);
    expect(items.filter((item) => item.kind === 'record').map((item) => item.origin)).toEqual([
      'broken-package.json:bash/TEMP-0000000-F7A20F',
      'broken-package.json:bind9/CVE-2023-3341',
      'broken-package.json:openssl/CVE-2023-5678',
      'broken-package.json:zlib/CVE-2023-45853',
    ]);
  });

  it('reports a package that is not UTF-8, and reads on', async () => {
    const text = Buffer.concat([
      Buffer.from('{"a": {"CVE-2024-1": {"description": "'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('", "releases": {}}}, "b": {"CVE-2024-2": {"releases": '),
      Buffer.from('{"bookworm": {"status": "open", "urgency": "high"}}}}}'),
    ]);

    expect(summary(await collect(write('latin1.json', text)))).toEqual([
      'error latin1.json:a: not valid UTF-8',
      'record latin1.json:b/CVE-2024-2 DEBIAN-TRACKER-CVE-2024-2:b',
    ]);
  });

  it('reports values of the wrong shape, naming the field', async () => {
    const text = JSON.stringify({
      'not-an-object': [1, 2],
      curl: {
        'CVE-2024-1': { description: 'no releases' },
        'CVE-2024-2': {
          description: 3,
          debianbug: 'x',
          releases: {
            bookworm: { repositories: {} },
            bullseye: { status: 'fixed-ish' },
            trixie: { status: 'resolved', fixed_version: 7 },
            forky: { status: 'resolved' },
            buster: { status: 'resolved', fixed_version: '7.64.0-4+deb10u9', urgency: 5 },
          },
        },
      },
      '': { 'CVE-2024-3': { releases: {} } },
    });
    const items = await collect(write('shapes.json', text));

    expect(summary(items)).toEqual([
      'error shapes.json:not-an-object: not an object of issues',
      'error shapes.json:curl/CVE-2024-1: not a tracker issue: releases: Invalid input: expected record, received undefined',
      'error shapes.json:curl/CVE-2024-2: bookworm: status: Invalid input: expected string, received undefined',
      'error shapes.json:curl/CVE-2024-2: bullseye: unknown status "fixed-ish"',
      'error shapes.json:curl/CVE-2024-2: trixie: fixed_version: Invalid input: expected string, received number',
      'error shapes.json:curl/CVE-2024-2: forky: resolved, but no fixed_version',
      'record shapes.json:curl/CVE-2024-2 DEBIAN-TRACKER-CVE-2024-2:curl',
      'error shapes.json:: the package name is empty',
    ]);
    // Descriptive fields of the wrong type are dropped, not fatal.
    const record = recordOf(items, 'DEBIAN-TRACKER-CVE-2024-2:curl');
    expect(record.details).toBeUndefined();
    expect(record.affected?.[0]?.database_specific).toEqual({
      codename: 'buster',
      status: 'fixed',
    });
  });
});

describe('debian-tracker source: files that cannot be read', () => {
  it('throws InputError naming the file when it is truncated', async () => {
    const path = write('truncated.json', sample.slice(0, Math.floor(sample.length * 0.6)));

    const failure = collect(path);

    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is truncated: it ends inside`)
    );
  });

  it('throws InputError for a file that is not a JSON object keyed by package', async () => {
    await expect(collect(write('array.json', '[]'))).rejects.toThrow(
      /array\.json is not the tracker's JSON: expected a JSON object keyed by source package/
    );
    await expect(collect(write('empty.json', ''))).rejects.toThrow(/empty\.json is empty/);
  });

  it('throws NotFoundError for a missing file, InputError for a directory', async () => {
    await expect(collect(join(root, 'missing.json'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(collect(root)).rejects.toBeInstanceOf(InputError);
    await expect(collect(root)).rejects.toThrow(/is not a file/);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped');
    const items = source.read(samplePath, { ...context, signal: controller.signal });
    const iterator = items[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort(reason);

    await expect(iterator.next()).rejects.toBe(reason);
  });
});
