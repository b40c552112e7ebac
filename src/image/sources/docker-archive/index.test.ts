import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LayoutWriter,
  sha256,
  tarOf,
  type BuiltImage,
} from '../../../../test/harness/oci-builder.js';
import { silentLogger } from '../../../core/logger.js';
import type { OpenOptions } from '../../source/types.js';
import { transport } from './index.js';

const options: OpenOptions = {
  platform: { os: 'linux', architecture: 'amd64' },
  logger: silentLogger,
  registry: { insecure: false, env: {}, maxRetries: 0, timeoutMs: 1000 },
};

let root: string;
let built: BuiltImage;
let archive: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'palisade-archive-'));
  const layout = new LayoutWriter(join(root, 'layout'));
  built = await layout.tag('v1', {
    layers: [
      { entries: [{ name: 'etc/alpine-release', content: '3.20.0' }] },
      { entries: [{ name: 'etc/motd', content: 'hi' }], compression: 'none' },
    ],
  });
  archive = join(root, 'image.tar');
  execFileSync('skopeo', [
    'copy',
    '--quiet',
    `oci:${layout.dir}:v1`,
    `docker-archive:${archive}:example/app:v1`,
  ]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function read(stream: Promise<Readable>): Promise<Buffer> {
  return Buffer.concat(await (await stream).toArray());
}

describe('docker-archive transport', () => {
  it('opens what skopeo wrote, with layers streamed from their offsets', async () => {
    const image = await transport.open(archive, options);

    expect(image.configDigest).toBe(built.configDigest);
    expect(image.layers.map((layer) => layer.diffId)).toEqual(built.diffIds);
    for (const layer of image.layers) {
      expect(sha256(await read(layer.open()))).toBe(layer.digest);
    }
  });

  it('selects an image by its tag and lists the tags when it is absent', async () => {
    await expect(transport.open(`${archive}:example/app:v1`, options)).resolves.toMatchObject({
      name: `docker-archive:${archive}:example/app:v1`,
    });
    await expect(transport.open(`${archive}:example/app:v2`, options)).rejects.toThrow(
      /has no image tagged example\/app:v2; it has: .*example\/app:v1/
    );
  });

  it('reads the legacy layout with <id>/layer.tar and a config named by its digest', async () => {
    const layer = await tarOf([{ name: 'etc/debian_version', content: '12.7\n' }]);
    const config = Buffer.from(
      JSON.stringify({ rootfs: { type: 'layers', diff_ids: [sha256(layer)] } })
    );
    const configName = `${sha256(config).slice(7)}.json`;
    const manifest = JSON.stringify([
      { Config: configName, RepoTags: ['legacy:1'], Layers: ['abc/layer.tar'] },
    ]);
    const file = join(root, 'legacy.tar');
    writeFileSync(
      file,
      await tarOf([
        { name: 'abc/', type: 'directory' },
        { name: 'abc/layer.tar', content: layer },
        { name: configName, content: config },
        { name: 'manifest.json', content: manifest },
      ])
    );

    const image = await transport.open(file, options);

    expect(image.layers[0]?.digest).toBe(sha256(layer));
    expect(await read(image.layers[0]!.open())).toEqual(layer);
  });

  it('refuses a config that does not hash to the name it is stored under', async () => {
    const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: [] } }));
    const file = join(root, 'lying.tar');
    writeFileSync(
      file,
      await tarOf([
        { name: `${'a'.repeat(64)}.json`, content: config },
        {
          name: 'manifest.json',
          content: JSON.stringify([{ Config: `${'a'.repeat(64)}.json`, Layers: [] }]),
        },
      ])
    );

    await expect(transport.open(file, options)).rejects.toThrow(
      /does not hash to the digest it is named by/
    );
  });

  it('refuses a truncated archive, a file that is not a tar, and a missing file', async () => {
    const truncated = join(root, 'truncated.tar');
    writeFileSync(truncated, readFileSync(archive).subarray(0, 3000));
    const notTar = join(root, 'not.tar');
    writeFileSync(notTar, Buffer.alloc(1024, 0x41));

    await expect(transport.open(truncated, options)).rejects.toThrow(/truncated/);
    await expect(transport.open(notTar, options)).rejects.toThrow(/not a tar archive/);
    await expect(transport.open(join(root, 'absent.tar'), options)).rejects.toThrow(
      /cannot open the archive/
    );
  });
});
