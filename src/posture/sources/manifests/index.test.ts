import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { readManifests } from './index.js';

let dir: string;

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example/web:1.0
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-manifests-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readManifests', () => {
  it('reads every document of a multi-document file, as helm template prints them', async () => {
    const file = write(
      'chart.yaml',
      `---\n# Source: chart/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n---\n${deployment}---\n`
    );

    const snapshot = await readManifests([file]);

    expect(snapshot.objects.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual([
      'ServiceAccount/web',
      'Deployment/web',
    ]);
    expect(snapshot.notes).toEqual([]);
    expect(snapshot.origins.get(snapshot.objects[1]!)).toMatch(/chart\.yaml#2$/);
  });

  it('unpacks List kinds and reads JSON', async () => {
    write(
      'list.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } },
        ],
      })
    );
    write(
      'pods.yaml',
      'apiVersion: v1\nkind: PodList\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n'
    );

    const snapshot = await readManifests([dir]);

    expect(snapshot.objects.map((object) => object.kind)).toEqual(['Namespace', 'Service', 'Pod']);
    expect(snapshot.origins.get(snapshot.objects[1]!)).toMatch(/list\.json#1 items\[1\]$/);
  });

  it('reads folders recursively, only manifest files, in a stable order', async () => {
    write('b/deploy.yml', deployment);
    write('a/readme.md', '# not a manifest');
    write('a/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');

    const snapshot = await readManifests([dir]);

    expect(snapshot.objects.map((object) => object.kind)).toEqual(['Namespace', 'Deployment']);
    expect(snapshot.source).toBe(`manifests: ${dir}`);
  });

  it('notes a broken document by file and number and keeps the others', async () => {
    write(
      'mixed.yaml',
      `${deployment}---\nkind: [unclosed\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n`
    );

    const snapshot = await readManifests([dir]);

    expect(snapshot.objects.map((object) => object.metadata.name)).toEqual(['web', 'ok']);
    expect(snapshot.notes).toHaveLength(2);
    expect(snapshot.notes[0]).toMatch(/mixed\.yaml#2: not valid YAML/);
    expect(snapshot.notes[1]).toMatch(/mixed\.yaml#3: not a Kubernetes object: metadata\.name/);
  });

  it('notes a document with no kind, a duplicate key, and JSON that does not parse', async () => {
    write('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n');
    write('dup.yaml', 'apiVersion: v1\nkind: Pod\nkind: Service\nmetadata:\n  name: x\n');
    write('bad.json', '{"apiVersion": ');

    const snapshot = await readManifests([dir]);

    expect(snapshot.objects).toEqual([]);
    expect(snapshot.notes.map((note) => note.replace(/^.*\//, ''))).toEqual([
      expect.stringMatching(/^bad\.json#1: not valid JSON: /),
      expect.stringMatching(/^dup\.yaml#1: not valid YAML: .*unique/i),
      expect.stringMatching(/^nokind\.yaml#1: not a Kubernetes object: kind/),
    ]);
  });

  it('refuses a YAML alias bomb in one document without losing the rest', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 12; level++) {
      lines.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`
      );
    }
    write('bomb.yaml', `${lines.join('\n')}\n---\n${deployment}`);

    const snapshot = await readManifests([dir]);

    expect(snapshot.objects.map((object) => object.metadata.name)).toEqual(['web']);
    expect(snapshot.notes[0]).toMatch(/bomb\.yaml#1: not valid YAML: .*alias/i);
  });

  it('skips oversized files, files that are not UTF-8 and links to devices, with notes', async () => {
    write('big.yaml', `${deployment}# ${'x'.repeat(2000)}\n`);
    write('latin1.yaml', Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));

    const snapshot = await readManifests([dir], { maxFileBytes: 1024 });

    expect(snapshot.objects).toEqual([]);
    expect(snapshot.notes).toEqual([
      expect.stringMatching(/big\.yaml: \d+ bytes, over the 1024-byte cap; not read$/),
      expect.stringMatching(/latin1\.yaml: not UTF-8 text; not read$/),
      expect.stringMatching(/zero\.yaml: not a regular file; skipped$/),
    ]);
  });

  it('gives namespaced objects without a namespace the one asked for, and leaves the rest', async () => {
    write(
      'app.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  namespace: other\n'
    );

    const snapshot = await readManifests([dir], { namespace: 'shop' });

    expect(snapshot.objects.map((object) => object.metadata.namespace)).toEqual([
      'shop',
      undefined,
      'other',
    ]);
  });

  it('says which path does not exist, and refuses no paths or too many files', async () => {
    await expect(readManifests([join(dir, 'missing')])).rejects.toThrow(NotFoundError);
    await expect(readManifests([join(dir, 'missing')])).rejects.toThrow(
      `no such manifest file or directory: ${join(dir, 'missing')}`
    );
    await expect(readManifests([])).rejects.toThrow(InputError);
    write('one.yaml', deployment);
    write('two.yaml', deployment);
    await expect(readManifests([dir], { maxFiles: 1 })).rejects.toThrow(
      'more than 1 manifest files under the given paths'
    );
  });

  it('reads - from the standard input it is given, within the cap', async () => {
    const piped = await readManifests(['-'], { stdin: Readable.from([Buffer.from(deployment)]) });
    const flood = await readManifests(['-'], {
      stdin: Readable.from([Buffer.alloc(600, 0x20), Buffer.alloc(600, 0x20)]),
      maxFileBytes: 1000,
    });

    expect(piped.objects.map((object) => object.metadata.name)).toEqual(['web']);
    expect(piped.origins.get(piped.objects[0]!)).toBe('-#1');
    expect(flood.notes).toEqual(['-: more than 1000 bytes; not read']);
    await expect(readManifests(['-'])).rejects.toThrow(
      '- names standard input, and there is none here'
    );
  });
});
