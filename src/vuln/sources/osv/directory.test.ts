import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

let root: string;
let tree: string;
let context: SourceContext;

function put(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function jsonRecord(id: string): string {
  return JSON.stringify({ id, modified: '2024-01-01T00:00:00Z' });
}

function yamlRecord(id: string): string {
  return `id: ${id}\nmodified: 2024-01-01T00:00:00Z\naffected:\n- package:\n    ecosystem: PyPI\n    name: demo\n  versions:\n  - "1.0"\n`;
}

async function collect(location: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read(location, context)) {
    items.push(item);
  }
  return items;
}

function summary(items: readonly SourceItem[]): string[] {
  return items.map((item) =>
    item.kind === 'record'
      ? `record ${item.origin} ${item.record.id}`
      : `error ${item.origin}: ${item.message}`
  );
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-osv-dir-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
  tree = join(root, 'tree');
  put(join(tree, 'b-pkg', 'GHSA-2.json'), jsonRecord('GHSA-2'));
  put(join(tree, 'b-pkg', 'deeper', 'PYSEC-3.yml'), yamlRecord('PYSEC-3'));
  put(join(tree, 'a-pkg', 'PYSEC-1.yaml'), yamlRecord('PYSEC-1'));
  put(join(tree, 'a-pkg', 'notes.txt'), 'not an advisory');
  put(join(tree, 'a-pkg', 'broken.yaml'), 'id: [unclosed\nmodified: x\n');
  put(
    join(tree, 'a-pkg', 'bad-event.json'),
    JSON.stringify({
      id: 'BAD-1',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        { package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'NOPE', events: [] }] },
      ],
    })
  );
  put(join(tree, '.github', 'workflows', 'ci.yml'), 'on: push\n');
  // Outside the tree, reachable only through links that must not be followed.
  put(join(root, 'outside', 'OUT-1.json'), jsonRecord('OUT-1'));
  symlinkSync(join(root, 'outside', 'OUT-1.json'), join(tree, 'a-pkg', 'linked.json'));
  symlinkSync(join(root, 'outside'), join(tree, 'linked-dir'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('osv source: directories', () => {
  it('walks nested folders in sorted order, skips other files, hidden folders and links', async () => {
    const items = await collect(tree);

    // Sorted by code unit, so upper case comes before lower case: the order is the same on
    // every machine, whatever its locale.
    expect(summary(items)).toEqual([
      'record a-pkg/PYSEC-1.yaml PYSEC-1',
      'error a-pkg/bad-event.json: not a valid OSV record: affected.0.ranges.0.type: Invalid option: expected one of "SEMVER"|"ECOSYSTEM"|"GIT"; affected.0.ranges.0.events: Too small: expected array to have >=1 items',
      'error a-pkg/broken.yaml: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1',
      'record b-pkg/GHSA-2.json GHSA-2',
      'record b-pkg/deeper/PYSEC-3.yml PYSEC-3',
    ]);
  });

  it('keeps timestamps as strings and reads YAML field types as OSV means them', async () => {
    const items = await collect(join(tree, 'a-pkg', 'PYSEC-1.yaml'));

    expect(items).toEqual([
      {
        kind: 'record',
        origin: 'PYSEC-1.yaml',
        record: {
          id: 'PYSEC-1',
          modified: '2024-01-01T00:00:00Z',
          affected: [{ package: { ecosystem: 'PyPI', name: 'demo' }, versions: ['1.0'] }],
        },
      },
    ]);
  });

  it('throws NotFoundError for a location that does not exist', async () => {
    await expect(collect(join(root, 'missing'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(collect(join(root, 'missing'))).rejects.toThrow(/missing does not exist/);
  });

  it('reads a single JSON file holding an array, one origin per element', async () => {
    const path = join(root, 'records.json');
    writeFileSync(path, `[${jsonRecord('A-1')}, ${jsonRecord('A-2')}]`);

    expect(summary(await collect(path))).toEqual([
      'record records.json[0] A-1',
      'record records.json[1] A-2',
    ]);
  });

  it('throws InputError for a location that is neither a file nor a directory', async () => {
    await expect(collect('/dev/null')).rejects.toBeInstanceOf(InputError);
  });
});
