import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRpmFixture, type RpmFixture } from '../harness/rpm-fixtures.js';
import type { Inventory } from '../../src/core/inventory.js';
import { runCli } from '../harness/cli.js';
import { LayoutWriter, type TarEntry } from '../harness/oci-builder.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../harness/registry.js';

const stanza = (name: string, version = '1.0-1'): string =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${version}\n`;
const debianRelease: TarEntry = { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' };

let registry: TestRegistry;
let work: string;
let layout: LayoutWriter;
let rpm: RpmFixture;
/** What beforeAll set up, undone by afterAll even when beforeAll failed part-way. */
const cleanups: (() => unknown)[] = [];

async function push(tag: string, all = false): Promise<string> {
  return pushOciLayout(layout.dir, `edge/${tag}:${tag}`, registry, { all });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-edge-'));
  registry = await startRegistry({ auth: 'none' });
  cleanups.push(() => registry.stop());
  layout = new LayoutWriter(join(work, 'layout'));
  rpm = buildRpmFixture();
  cleanups.push(() => rpm.cleanup());
  await layout.tag('whiteout', {
    layers: [
      {
        entries: [
          debianRelease,
          { name: 'var/lib/dpkg/status.d/keep', content: stanza('keep') },
          { name: 'var/lib/dpkg/status.d/gone', content: stanza('gone') },
        ],
      },
      { entries: [{ name: 'var/lib/dpkg/status.d/.wh.gone', content: '' }] },
    ],
  });
  await layout.tag('opaque', {
    layers: [
      { entries: [debianRelease, { name: 'var/lib/dpkg/status.d/old', content: stanza('old') }] },
      {
        entries: [
          { name: 'var/lib/dpkg/status.d/.wh..wh..opq', content: '' },
          { name: 'var/lib/dpkg/status.d/new', content: stanza('new') },
        ],
      },
    ],
  });
  await layout.tagIndex('multiarch', [
    {
      layers: [
        { entries: [debianRelease, { name: 'var/lib/dpkg/status', content: stanza('on-amd64') }] },
      ],
    },
    {
      architecture: 'arm64',
      variant: 'v8',
      layers: [
        { entries: [debianRelease, { name: 'var/lib/dpkg/status', content: stanza('on-arm64') }] },
      ],
    },
  ]);
  await layout.tag('zstd', {
    layers: [
      {
        compression: 'zstd',
        entries: [
          { name: 'etc/alpine-release', content: '3.20.3\n' },
          { name: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\n\n' },
        ],
      },
    ],
  });
  await layout.tag('rpm', {
    layers: [
      {
        entries: [
          { name: 'etc/os-release', content: 'ID="amzn"\nVERSION_ID="2023"\n' },
          { name: 'var/lib/rpm/rpmdb.sqlite', content: rpm.sqlite },
        ],
      },
    ],
  });
  await layout.tag('escape', {
    layers: [{ entries: [{ name: '../../etc/cron.d/evil', content: '* * * * * root id' }] }],
  });
  await layout.tag('corrupt-db', {
    layers: [
      {
        entries: [
          {
            name: 'var/lib/rpm/rpmdb.sqlite',
            content: Buffer.concat([rpm.sqlite.subarray(0, 100), Buffer.alloc(4096, 0xee)]),
          },
        ],
      },
    ],
  });
  for (const tag of ['whiteout', 'opaque', 'zstd', 'rpm', 'escape', 'corrupt-db']) {
    await push(tag);
  }
  await push('multiarch', true);
});

afterAll(async () => {
  for (const cleanup of cleanups) {
    await cleanup();
  }
  rmSync(work, { recursive: true, force: true });
});

async function scan(
  reference: string,
  extra: string[] = []
): Promise<{ code: number; stderr: string; inventory?: Inventory; output: string }> {
  const output = join(work, `${Math.random().toString(36).slice(2)}.json`);
  const result = await runCli([
    'scan',
    'image',
    '--no-vulns',
    reference,
    '--insecure',
    '--no-cache',
    '-f',
    'json',
    '-o',
    output,
    ...extra,
  ]);
  return existsSync(output)
    ? { ...result, output, inventory: JSON.parse(readFileSync(output, 'utf8')) as Inventory }
    : { ...result, output };
}

const names = (inventory: Inventory | undefined): string[] =>
  (inventory?.packages ?? []).map((pkg) => pkg.name);

describe('synthetic images through the registry', () => {
  it('drops a package whose database file a later layer whites out', async () => {
    const { code, inventory } = await scan(`${registry.host}/edge/whiteout:whiteout`);

    expect(code).toBe(0);
    expect(names(inventory)).toEqual(['keep']);
    expect(inventory?.os?.distroless).toBe(true);
  });

  it('hides lower contents of an opaque directory and keeps the layer’s own', async () => {
    const { inventory } = await scan(`${registry.host}/edge/opaque:opaque`);

    expect(names(inventory)).toEqual(['new']);
    expect(inventory?.packages[0]?.layer?.index).toBe(1);
  });

  it('picks the platform from a multi-arch index', async () => {
    const amd = await scan(`${registry.host}/edge/multiarch:multiarch`, [
      '--platform',
      'linux/amd64',
    ]);
    const arm = await scan(`${registry.host}/edge/multiarch:multiarch`, [
      '--platform',
      'linux/arm64',
    ]);
    const none = await scan(`${registry.host}/edge/multiarch:multiarch`, [
      '--platform',
      'linux/s390x',
    ]);

    expect(names(amd.inventory)).toEqual(['on-amd64']);
    expect(names(arm.inventory)).toEqual(['on-arm64']);
    expect(arm.inventory?.artifact.platform).toEqual({
      os: 'linux',
      architecture: 'arm64',
      variant: 'v8',
    });
    expect(arm.inventory?.artifact.indexDigest).toMatch(/^sha256:/);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /no image for platform linux\/s390x; it has: linux\/amd64, linux\/arm64/
    );
  });

  it('reads a zstd layer', async () => {
    const { inventory } = await scan(`${registry.host}/edge/zstd:zstd`);

    expect(inventory?.packages.map((pkg) => pkg.purl)).toEqual([
      'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3',
    ]);
  });

  it('reads an rpm SQLite database made by Debian’s rpm', async () => {
    const { inventory } = await scan(`${registry.host}/edge/rpm:rpm`);

    const expected = rpm.queried
      .filter((pkg) => pkg.name !== 'gpg-pubkey')
      .map((pkg) => pkg.name)
      .sort();
    expect(names(inventory)).toEqual(expected);
    expect(
      inventory?.packages.every(
        (pkg) => pkg.purl.startsWith('pkg:rpm/amzn/') && pkg.purl.includes('distro=amzn-2023')
      )
    ).toBe(true);
  });
});

describe('bad input ends with one line, exit code 2 or 3, and no report', () => {
  it.each([
    [
      'a layer with a ../ entry',
      () => `${registry.host}/edge/escape:escape`,
      2,
      /escapes the image root/,
    ],
    [
      'a corrupt package database',
      () => `${registry.host}/edge/corrupt-db:corrupt-db`,
      2,
      /var\/lib\/rpm\/rpmdb\.sqlite/,
    ],
    ['an unknown tag', () => `${registry.host}/edge/zstd:nope`, 2, /not found|unknown|no such/i],
    [
      'an unknown repository',
      () => `${registry.host}/edge/absent:latest`,
      2,
      /not found|unknown|no such/i,
    ],
    ['an unreachable registry', () => '127.0.0.1:9/edge/zstd:zstd', 3, /127\.0\.0\.1:9/],
    ['a malformed reference', () => 'UPPER/Case:tag', 2, /reference/i],
  ])('%s', async (_, reference, exitCode, message) => {
    const { code, stderr, output } = await scan(reference(), ['--retries', '0']);

    expect(code).toBe(exitCode);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });

  it('refuses a blob whose digest lies, and a truncated blob', async () => {
    const dir = join(work, 'lying');
    const lying = new LayoutWriter(dir);
    const built = await lying.tag('lie', { layers: [{ entries: [debianRelease] }] });
    const blobFile = join(dir, 'blobs', 'sha256', built.layerDigests[0]!.slice(7));
    const blob = readFileSync(blobFile);
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] ?? 0) ^ 0xff;
    writeFileSync(blobFile, flipped);

    const lied = await scan(`oci:${dir}:lie`);
    writeFileSync(blobFile, blob);
    truncateSync(blobFile, blob.length - 7);
    const truncated = await scan(`oci:${dir}:lie`);

    expect(lied.code).toBe(2);
    expect(lied.stderr).toMatch(/digest mismatch/);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/truncated|unexpected end/);
    expect(existsSync(lied.output) || existsSync(truncated.output)).toBe(false);
  });

  it('does not let an image borrow another layer’s cached result by claiming its diffID', async () => {
    const dir = join(work, 'borrow');
    const writer = new LayoutWriter(dir);
    const clean = await writer.tag('clean', {
      layers: [
        { entries: [debianRelease, { name: 'var/lib/dpkg/status', content: stanza('clean') }] },
      ],
    });
    const hostile = await writer.tag('hostile', {
      layers: [
        { entries: [debianRelease, { name: 'var/lib/dpkg/status', content: stanza('backdoor') }] },
      ],
    });
    // Rewrite the hostile image's config and manifest so it claims the clean layer's diffID.
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: clean.diffIds },
      })
    );
    const configDigest = writer.writeBlob(config);
    const layerBlob = readFileSync(join(dir, 'blobs', 'sha256', hostile.layerDigests[0]!.slice(7)));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: hostile.layerDigests[0],
            size: layerBlob.length,
          },
        ],
      })
    );
    const manifestDigest = writer.writeBlob(manifest);
    writeFileSync(
      join(dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: manifestDigest,
            size: manifest.length,
            annotations: { 'org.opencontainers.image.ref.name': 'hostile' },
          },
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: clean.manifestDigest,
            size: 0,
            annotations: { 'org.opencontainers.image.ref.name': 'clean' },
          },
        ],
      })
    );
    const cache = ['--cache-dir', join(work, 'borrow-cache')];

    const first = await runCli([
      'scan',
      'image',
      '--no-vulns',
      `oci:${dir}:clean`,
      '-f',
      'json',
      '-o',
      join(work, 'clean.json'),
      ...cache,
    ]);
    const second = await runCli([
      'scan',
      'image',
      '--no-vulns',
      `oci:${dir}:hostile`,
      '-f',
      'json',
      '-o',
      join(work, 'hostile.json'),
      ...cache,
    ]);

    expect(first.code).toBe(0);
    expect(second).toEqual({ code: 0, stderr: '' });
    const found = JSON.parse(readFileSync(join(work, 'hostile.json'), 'utf8')) as Inventory;
    expect(names(found)).toEqual(['backdoor']);
  });

  it('keeps an existing report when the scan fails', async () => {
    const output = join(work, 'keep.json');
    writeFileSync(output, 'previous');

    const result = await runCli([
      'scan',
      'image',
      '--no-vulns',
      `${registry.host}/edge/escape:escape`,
      '--insecure',
      '-o',
      output,
    ]);

    expect(result.code).toBe(2);
    expect(readFileSync(output, 'utf8')).toBe('previous');
  });

  it('rejects an unknown format and a malformed --platform as bad usage', async () => {
    const format = await runCli(['scan', 'image', '--no-vulns', 'dir:/tmp', '--format', 'xml']);
    const platform = await runCli([
      'scan',
      'image',
      '--no-vulns',
      'dir:/tmp',
      '--platform',
      'linux',
    ]);
    const missing = await runCli(['scan', 'image', '--no-vulns', 'dir:/no/such/rootfs']);

    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/xml/);
    expect(platform).toEqual({
      code: 2,
      stderr: expect.stringMatching(/--platform must be os\/arch/) as unknown,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/dir:\/no\/such\/rootfs: not a readable directory/);
  });
});
