import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, zipOf, type ZipEntrySpec } from '../../../../test/harness/zip-writer.js';
import { InputError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';
import { maxRecordBytes } from './limits.js';

let root: string;
let context: SourceContext;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-osv-zip-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function record(id: string): string {
  return JSON.stringify({
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'demo' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] }],
      },
    ],
  });
}

function write(name: string, bytes: Buffer): string {
  const path = join(root, name);
  writeFileSync(path, bytes);
  return path;
}

async function collect(location: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read(location, context)) {
    items.push(item);
  }
  return items;
}

/** Items as `kind origin`, with the record's id: what the assertions compare. */
function summary(items: readonly SourceItem[]): string[] {
  return items.map((item) =>
    item.kind === 'record'
      ? `record ${item.origin} ${item.record.id}`
      : `error ${item.origin}: ${item.message}`
  );
}

describe('osv source: zip archives', () => {
  it('yields the good records and one error item per bad entry, and reads on past them', async () => {
    const path = write(
      'mixed.zip',
      zipOf([
        { name: 'PYSEC-1.json', content: record('PYSEC-1') },
        { name: 'no-id.json', content: JSON.stringify({ modified: '2024-01-01T00:00:00Z' }) },
        { name: 'broken.json', content: '{"id": "X", ' },
        { name: '../evil.json', content: record('EVIL-1') },
        { name: '/absolute.json', content: record('EVIL-2') },
        { name: 'README.md', content: '# not a record' },
        { name: 'nested/', content: '' },
        { name: 'nested/PYSEC-2.yaml', content: 'id: PYSEC-2\nmodified: "2024-01-01"\n' },
        { name: 'PYSEC-3.json', content: record('PYSEC-3'), method: 'store' },
      ])
    );

    const items = await collect(path);

    expect(summary(items)).toEqual([
      'record mixed.zip:PYSEC-1.json PYSEC-1',
      'error mixed.zip:no-id.json: not a valid OSV record: id: Invalid input: expected string, received undefined',
      expect.stringMatching(/^error mixed\.zip:broken\.json: not valid JSON: /),
      'error mixed.zip:../evil.json: entry refused: invalid relative path: ../evil.json',
      'error mixed.zip:/absolute.json: entry refused: absolute path: /absolute.json',
      'record mixed.zip:nested/PYSEC-2.yaml PYSEC-2',
      'record mixed.zip:PYSEC-3.json PYSEC-3',
    ]);
  });

  it('recognises a zip by its first bytes, whatever its name', async () => {
    const path = write('feed.json', zipOf([{ name: 'A-1.json', content: record('A-1') }]));

    expect(summary(await collect(path))).toEqual(['record feed.json:A-1.json A-1']);
  });

  it('reads an empty archive (only the end record) as no records', async () => {
    expect(await collect(write('empty.zip', zipOf([])))).toEqual([]);
  });

  it('throws InputError naming the file for a truncated archive', async () => {
    const whole = zipOf([
      { name: 'A-1.json', content: record('A-1') },
      { name: 'A-2.json', content: record('A-2') },
    ]);
    const path = write('truncated.zip', whole.subarray(0, Math.floor(whole.length * 0.6)));

    const failure = collect(path);

    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(/truncated\.zip is not a readable zip archive/);
  });

  it('throws InputError when the central directory lies about where an entry is', async () => {
    const { bytes } = buildZip([{ name: 'A-1.json', content: record('A-1') }]);
    const broken = Buffer.from(bytes);
    // The central directory header starts right after the only entry's data; smash its signature.
    const central = broken.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    broken.writeUInt32LE(0xdeadbeef, central);

    await expect(collect(write('bad-directory.zip', broken))).rejects.toThrow(
      /bad-directory\.zip is a corrupt zip archive: invalid central directory file header signature/
    );
  });

  /**
   * Decision: a corrupt entry is an error item, not a failed archive. The central directory
   * still places every other entry, so they are read and yielded; the import reports the one
   * that failed.
   */
  it('yields an error item for an entry whose compressed data is corrupt, and goes on', async () => {
    const entries: ZipEntrySpec[] = [
      { name: 'A-1.json', content: record('A-1') },
      { name: 'A-2.json', content: record('A-2') },
      { name: 'A-3.json', content: record('A-3') },
    ];
    const { bytes, layout } = buildZip(entries);
    const corrupt = Buffer.from(bytes);
    const target = layout[1]!;
    for (let offset = target.dataOffset; offset < target.dataOffset + target.dataLength; offset++) {
      corrupt[offset] = corrupt[offset]! ^ 0xa5;
    }

    const items = await collect(write('corrupt-entry.zip', corrupt));

    expect(summary(items)).toEqual([
      'record corrupt-entry.zip:A-1.json A-1',
      expect.stringMatching(/^error corrupt-entry\.zip:A-2\.json: entry is corrupt: /),
      'record corrupt-entry.zip:A-3.json A-3',
    ]);
  });

  it('catches data that inflates cleanly but does not match its CRC-32', async () => {
    const path = write(
      'bad-crc.zip',
      zipOf([
        { name: 'A-1.json', content: record('A-1'), crc32: 0x12345678 },
        { name: 'A-2.json', content: record('A-2') },
      ])
    );

    expect(summary(await collect(path))).toEqual([
      'error bad-crc.zip:A-1.json: entry is corrupt: its CRC-32 does not match its data',
      'record bad-crc.zip:A-2.json A-2',
    ]);
  });

  it('refuses an entry over the per-record cap without inflating it, and goes on', async () => {
    const path = write(
      'big.zip',
      zipOf([
        { name: 'huge.json', content: Buffer.alloc(maxRecordBytes + 1, 0x20) },
        { name: 'A-1.json', content: record('A-1') },
      ])
    );

    expect(summary(await collect(path))).toEqual([
      `error big.zip:huge.json: entry is ${maxRecordBytes + 1} bytes, over the ${maxRecordBytes}-byte cap for one record`,
      'record big.zip:A-1.json A-1',
    ]);
  });
});
