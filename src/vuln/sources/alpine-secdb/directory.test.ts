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

function yamlFile(release: string, name: string, fixed: string, cve: string): string {
  return `---\ndistroversion: ${release}\nreponame: main\npackages:\n  - pkg:\n      name: ${name}\n      secfixes:\n        ${fixed}:\n          - ${cve}\n`;
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
      ? `record [${item.origin}] ${item.record.id}: ${(item.record.affected ?? []).map((entry) => entry.package.name).join(', ')}`
      : `error ${item.origin}: ${item.message}`
  );
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-secdb-dir-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
  tree = join(root, 'secdb');
  put(join(tree, 'v3.11', 'main.yaml'), yamlFile('v3.11', 'openssl', '1.1.1d-r0', 'CVE-2019-1547'));
  put(
    join(tree, 'v3.11', 'community.yaml'),
    yamlFile('v3.11', 'nodejs', '12.1-r0', 'CVE-2019-1547')
  );
  put(join(tree, 'v3.11', 'broken.yaml'), 'packages: [unclosed\n');
  put(join(tree, 'v3.11', 'notes.txt'), 'not secdb');
  put(
    join(tree, 'v3.10-community.json'),
    JSON.stringify({
      distroversion: 'v3.10',
      reponame: 'community',
      packages: [{ pkg: { name: 'nodejs', secfixes: { '10.1-r0': ['CVE-2019-1547'] } } }],
    })
  );
  put(join(tree, 'README.md'), '# secdb');
  put(join(tree, '.github', 'workflows', 'ci.yml'), 'on: push\n');
  // Outside the tree, reachable only through links that must not be followed.
  put(join(root, 'outside', 'main.yaml'), yamlFile('v3.9', 'evil', '1.0-r0', 'CVE-2000-0001'));
  symlinkSync(join(root, 'outside', 'main.yaml'), join(tree, 'v3.11', 'linked.yaml'));
  symlinkSync(join(root, 'outside'), join(tree, 'v3.9'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('alpine-secdb source: directories', () => {
  it('reads per-release folders and flat files, grouping a release across its files', async () => {
    expect(summary(await collect(tree))).toEqual([
      expect.stringMatching(/^error v3\.11\/broken\.yaml: not valid YAML: /),
      'record [v3.10-community.json] ALPINE-v3.10-CVE-2019-1547: nodejs',
      'record [v3.11/community.yaml, v3.11/main.yaml] ALPINE-v3.11-CVE-2019-1547: nodejs, openssl',
    ]);
  });

  it('takes the release from the file, not from the folder it sits in', async () => {
    const misplaced = join(root, 'misplaced');
    put(
      join(misplaced, 'v3.11', 'main.yaml'),
      yamlFile('v3.8', 'zlib', '1.2.11-r1', 'CVE-2018-25032')
    );

    expect(summary(await collect(misplaced))).toEqual([
      'record [v3.11/main.yaml] ALPINE-v3.8-CVE-2018-25032: zlib',
    ]);
  });

  it('throws NotFoundError for a location that does not exist', async () => {
    const failure = collect(join(root, 'missing'));

    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow(/missing does not exist/);
  });

  it('throws InputError for a location that is neither a file nor a directory', async () => {
    await expect(collect('/dev/null')).rejects.toBeInstanceOf(InputError);
  });

  it('follows a link given as the location itself', async () => {
    const link = join(root, 'named-link.yaml');
    symlinkSync(join(root, 'outside', 'main.yaml'), link);

    expect(summary(await collect(link))).toEqual([
      'record [named-link.yaml] ALPINE-v3.9-CVE-2000-0001: evil',
    ]);
  });
});
