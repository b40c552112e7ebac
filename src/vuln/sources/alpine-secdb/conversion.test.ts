import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { OsvRecord } from '../../osv/schema.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

let root: string;
let context: SourceContext;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-secdb-conv-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(name: string, content: string | Buffer): Promise<SourceItem[]> {
  const path = join(root, name);
  writeFileSync(path, content);
  const items: SourceItem[] = [];
  for await (const item of source.read(path, context)) {
    if (item.kind === 'record') {
      expect(OsvRecord.safeParse(item.record).success, item.record.id).toBe(true);
    }
    items.push(item);
  }
  return items;
}

function errors(items: readonly SourceItem[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'error' ? [`${item.origin}: ${item.message}`] : []
  );
}

/** Each record as `id: package fixed, …`, what most assertions compare. */
function fixes(items: readonly SourceItem[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'record'
      ? [
          `${item.record.id}: ${(item.record.affected ?? [])
            .map((entry) => {
              const events = entry.ranges?.[0]?.events ?? [];
              const fixed = events.map((event) => ('fixed' in event ? event.fixed : '')).join('');
              return `${entry.package.name} ${fixed}`;
            })
            .join(', ')}`,
        ]
      : []
  );
}

function secdb(release: string, packages: string): string {
  return `---\ndistroversion: ${release}\nreponame: main\narchs:\n  - x86_64\nurlprefix: http://dl-cdn.alpinelinux.org/alpine\npackages:\n${packages}`;
}

const quirks = secdb(
  'v3.11',
  `  - pkg:
      name: openssl
      secfixes:
        1.1.1d-r2:
          - CVE-2019-1551
        1.1.1d-r0:
          - CVE-2019-1547 CVE-2019-1549
          - CVE-2019-1563 (padding oracle)
        1.1.1c-r0:
          - CVE-2019-1547
  - pkg:
      name: libressl
      secfixes:
        2.9.2-r0:
          - CVE-2019-1551
  - pkg:
      name: db
      secfixes:
        "0":
          - CVE-2016-0682
          - CVE-2019-1551
  - pkg:
      name: xen
      secfixes:
        4.13.0-r0:
          - CVE-2019-18420 XSA-296
          - XSA-311
          - CVE-????-?????  XSA-312
        4.10-1-r1:
          - CVE-2018-8897 XSA-260
  - pkg:
      name: rsync
      secfixes:
        3.1.3-r1:
          - CVE-2017-17434-1
          - CVE 2018-16859
          - CVE-2019-9999 XPTI
        1.10:
          - CVE-2020-0001
        2.0-r0:
        4.0-r0: []
        5.0-r0: CVE-2020-0002
        6.0-r0:
          - {id: CVE-2020-0003}
          - (only a comment)
  - pkg:
      name: Bad Name
      secfixes: {}
  - pkg:
      name: nothing-listed
`
);

describe('alpine-secdb source: converting secdb into OSV', () => {
  it('writes one record per CVE and release, with the fields OSV readers expect', async () => {
    const items = await collect('one.yaml', secdb('v3.11', ansible));

    expect(items).toEqual([
      {
        kind: 'record',
        origin: 'one.yaml',
        record: {
          id: 'ALPINE-v3.11-CVE-2019-14904',
          modified: '1970-01-01T00:00:00Z',
          aliases: ['CVE-2019-14904'],
          affected: [
            {
              package: { ecosystem: 'Alpine:v3.11', name: 'ansible' },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.9.3-r0' }] }],
            },
          ],
        },
      },
    ]);
  });

  it('groups packages, keeps the lowest fix, skips `0`, and keys XSA-only fixes on the XSA', async () => {
    const items = await collect('quirks.yaml', quirks);

    expect(fixes(items)).toEqual([
      'ALPINE-v3.11-CVE-2019-1547: openssl 1.1.1c-r0',
      'ALPINE-v3.11-CVE-2019-1549: openssl 1.1.1d-r0',
      'ALPINE-v3.11-CVE-2019-1551: libressl 2.9.2-r0, openssl 1.1.1d-r2',
      'ALPINE-v3.11-CVE-2019-1563: openssl 1.1.1d-r0',
      'ALPINE-v3.11-CVE-2019-18420: xen 4.13.0-r0',
      'ALPINE-v3.11-CVE-2019-9999: rsync 3.1.3-r1',
      'ALPINE-v3.11-CVE-2020-0001: rsync 1.10',
      'ALPINE-v3.11-XSA-311: xen 4.13.0-r0',
      'ALPINE-v3.11-XSA-312: xen 4.13.0-r0',
    ]);
    const byId = new Map(
      items.flatMap((item) => (item.kind === 'record' ? [[item.record.id, item.record]] : []))
    );
    expect(byId.get('ALPINE-v3.11-CVE-2019-18420')).toMatchObject({
      aliases: ['CVE-2019-18420'],
      related: ['XSA-296'],
    });
    expect(byId.get('ALPINE-v3.11-XSA-311')?.aliases).toEqual(['XSA-311']);
    expect(byId.get('ALPINE-v3.11-XSA-311')).not.toHaveProperty('related');
  });

  it('reports every entry it cannot use, naming the file, the package and the value', async () => {
    const items = await collect('quirks.yaml', quirks);

    expect(errors(items)).toEqual([
      'quirks.yaml: package xen, fixed "4.10-1-r1": not a valid apk version, so its 1 entry is left out',
      'quirks.yaml: package rsync, fixed "3.1.3-r1", entry "CVE-2017-17434-1": not an advisory id: "CVE-2017-17434-1"',
      'quirks.yaml: package rsync, fixed "3.1.3-r1", entry "CVE 2018-16859": not an advisory id: "CVE", "2018-16859"',
      'quirks.yaml: package rsync, fixed "3.1.3-r1", entry "CVE-2019-9999 XPTI": not an advisory id: "XPTI" (kept: CVE-2019-9999)',
      'quirks.yaml: package rsync, fixed "2.0-r0": lists no advisory ids',
      'quirks.yaml: package rsync, fixed "4.0-r0": lists no advisory ids',
      'quirks.yaml: package rsync, fixed "5.0-r0": expected a list of advisory ids',
      'quirks.yaml: package rsync, fixed "6.0-r0": an entry is not text',
      'quirks.yaml: package rsync, fixed "6.0-r0", entry "(only a comment)": names no advisory',
      'quirks.yaml: packages.5: not a secdb package: pkg.name: expected an apk package name',
      'quirks.yaml: packages.6: not a secdb package: pkg.secfixes: expected a map of fixed versions to advisory ids',
    ]);
    // Errors come as the file is read; records once every file is in.
    expect(items.findIndex((item) => item.kind === 'record')).toBe(11);
  });

  it('orders fixed versions as apk does when picking the lowest', async () => {
    const text = secdb(
      'v3.11',
      `  - pkg:\n      name: demo\n      secfixes:\n        1.10-r0:\n          - CVE-2020-1000\n        1.9-r0:\n          - CVE-2020-1000\n        1.9_rc1-r0:\n          - CVE-2020-1001\n        1.9-r1:\n          - CVE-2020-1001\n`
    );

    expect(fixes(await collect('order.yaml', text))).toEqual([
      'ALPINE-v3.11-CVE-2020-1000: demo 1.9-r0',
      'ALPINE-v3.11-CVE-2020-1001: demo 1.9_rc1-r0',
    ]);
  });

  it('lets a real fix win over `0` for the same package, in either order', async () => {
    const zeroFirst = `  - pkg:\n      name: demo\n      secfixes:\n        "0":\n          - CVE-2020-2000\n        1.2-r0:\n          - CVE-2020-2000\n`;
    const zeroLast = `  - pkg:\n      name: demo\n      secfixes:\n        1.2-r0:\n          - CVE-2020-2000\n        "0":\n          - CVE-2020-2000\n`;

    expect(fixes(await collect('zero-first.yaml', secdb('v3.11', zeroFirst)))).toEqual([
      'ALPINE-v3.11-CVE-2020-2000: demo 1.2-r0',
    ]);
    expect(fixes(await collect('zero-last.yaml', secdb('v3.11', zeroLast)))).toEqual([
      'ALPINE-v3.11-CVE-2020-2000: demo 1.2-r0',
    ]);
  });

  it('gives the same items for the same input, read after read', async () => {
    const first = await collect('again.yaml', quirks);
    const second = await collect('again.yaml', quirks);

    expect(second).toEqual(first);
  });

  it('reads the JSON form, with the same shape', async () => {
    const json = JSON.stringify({
      apkurl: '{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk',
      archs: ['x86_64'],
      reponame: 'community',
      urlprefix: 'https://dl-cdn.alpinelinux.org/alpine',
      distroversion: 'v3.20',
      packages: [
        { pkg: { name: 'ansible', secfixes: { '2.9.3-r0': ['CVE-2019-14904'] } } },
        { pkg: { name: 'demo', secfixes: { ['__proto__']: ['CVE-2020-3000'], '1.0-r0': [] } } },
      ],
    });

    const items = await collect('community.json', json);

    expect(fixes(items)).toEqual(['ALPINE-v3.20-CVE-2019-14904: ansible 2.9.3-r0']);
    expect(items[2]).toMatchObject({
      record: { affected: [{ package: { ecosystem: 'Alpine:v3.20' } }] },
    });
    expect(errors(items)).toEqual([
      'community.json: package demo, fixed "__proto__": not a valid apk version, so its 1 entry is left out',
      'community.json: package demo, fixed "1.0-r0": lists no advisory ids',
    ]);
  });

  it('reads `edge` as a release and an empty `packages:` as nothing fixed', async () => {
    const edge = await collect('edge.yaml', secdb('edge', ansible));
    const empty = await collect('empty.yaml', secdb('v3.3', ''));

    expect(fixes(edge)).toEqual(['ALPINE-edge-CVE-2019-14904: ansible 2.9.3-r0']);
    expect(edge[0]).toMatchObject({
      record: { affected: [{ package: { ecosystem: 'Alpine:edge' } }] },
    });
    expect(empty).toEqual([]);
  });

  it('reports a file that is not secdb as one error item', async () => {
    expect(errors(await collect('no-release.yaml', 'packages: []\n'))).toEqual([
      'no-release.yaml: not a secdb document: distroversion: Invalid input: expected string, received undefined',
    ]);
    expect(errors(await collect('bad-release.yaml', secdb('3.11', ansible)))).toEqual([
      'bad-release.yaml: not a secdb document: distroversion: expected a release such as v3.11 or edge',
    ]);
    expect(errors(await collect('no-packages.json', '{"distroversion": "v3.11"}'))).toEqual([
      'no-packages.json: not a secdb document: packages: Invalid input: expected array, received undefined',
    ]);
    expect(errors(await collect('list.json', '[]'))).toEqual([
      'list.json: not a secdb document: (root): Invalid input: expected object, received array',
    ]);
  });

  it('refuses broken text, YAML tags and alias bombs, each as one error item', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }

    expect(errors(await collect('broken.yaml', 'packages: [unclosed\n'))).toEqual([
      expect.stringMatching(/^broken\.yaml: not valid YAML: /),
    ]);
    expect(errors(await collect('broken.json', '{"distroversion": '))).toEqual([
      expect.stringMatching(/^broken\.json: not valid JSON: /),
    ]);
    expect(errors(await collect('tag.yaml', 'distroversion: !python/object v3.11\n'))).toEqual([
      expect.stringMatching(/^tag\.yaml: not valid YAML: Unresolved tag: !python\/object/),
    ]);
    expect(errors(await collect('bomb.yaml', levels.join('\n')))).toEqual([
      expect.stringMatching(/^bomb\.yaml: not valid YAML: Excessive alias count/),
    ]);
    const latin1 = Buffer.from('distroversion: v3.11\nreponame: caf\xe9\n', 'latin1');
    expect(errors(await collect('latin1.yaml', latin1))).toEqual(['latin1.yaml: not valid UTF-8']);
  });

  it('quotes at most 120 characters of an odd value', async () => {
    const long = `NOT-AN-ID-${'x'.repeat(300)}`;
    const text = secdb(
      'v3.11',
      `  - pkg:\n      name: demo\n      secfixes:\n        1.0-r0:\n          - ${long}\n`
    );

    const [message = ''] = errors(await collect('long.yaml', text));

    expect(message).toContain(`"${long.slice(0, 120)}…"`);
    expect(message).not.toContain(long.slice(0, 121));
  });
});

const ansible = `  - pkg:
      name: ansible
      secfixes:
        2.9.3-r0:
          - CVE-2019-14904
`;
