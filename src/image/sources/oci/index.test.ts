import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutWriter, type BuiltImage } from '../../../../test/harness/oci-builder.js';
import { silentLogger } from '../../../core/logger.js';
import type { OpenOptions } from '../../source/types.js';
import { transport } from './index.js';

const options = (architecture = 'amd64', variant?: string): OpenOptions => ({
  platform: { os: 'linux', architecture, ...(variant ? { variant } : {}) },
  logger: silentLogger,
  registry: { insecure: false, env: {}, maxRetries: 0, timeoutMs: 1000 },
});

let root: string;
let layout: LayoutWriter;
let single: BuiltImage;
let multi: { indexDigest: string; images: BuiltImage[] };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'palisade-oci-'));
  layout = new LayoutWriter(join(root, 'layout'));
  single = await layout.tag('v1', {
    layers: [{ entries: [{ name: 'etc/alpine-release', content: '3.20.0' }] }],
  });
  multi = await layout.tagIndex('multi', [
    { layers: [{ entries: [{ name: 'a', content: 'amd64' }] }] },
    { architecture: 'arm64', layers: [{ entries: [{ name: 'a', content: 'arm64' }] }] },
  ]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('oci transport', () => {
  it('opens a tagged image with its digests and layers', async () => {
    const image = await transport.open(`${layout.dir}:v1`, options());

    expect(image.name).toBe(`oci:${layout.dir}:v1`);
    expect(image.manifestDigest).toBe(single.manifestDigest);
    expect(image.configDigest).toBe(single.configDigest);
    expect(image.layers.map(({ digest, diffId }) => ({ digest, diffId }))).toEqual([
      { digest: single.layerDigests[0], diffId: single.diffIds[0] },
    ]);
    expect(image.platform).toEqual({ os: 'linux', architecture: 'amd64' });
  });

  it('picks the platform from a multi-platform index', async () => {
    const amd = await transport.open(`${layout.dir}:multi`, options());
    const arm = await transport.open(`${layout.dir}:multi`, options('arm64', 'v8'));

    expect(amd.indexDigest).toBe(multi.indexDigest);
    expect(amd.manifestDigest).toBe(multi.images[0]?.manifestDigest);
    expect(arm.manifestDigest).toBe(multi.images[1]?.manifestDigest);
  });

  it('names the platforms an index has when the wanted one is absent', async () => {
    await expect(transport.open(`${layout.dir}:multi`, options('s390x'))).rejects.toThrow(
      /has no image for platform linux\/s390x; it has: linux\/amd64, linux\/arm64/
    );
  });

  it('lists the tags when the tag is unknown or none was given for several images', async () => {
    await expect(transport.open(`${layout.dir}:nope`, options())).rejects.toThrow(
      /no image tagged "nope"; it has: v1, multi/
    );
    await expect(transport.open(layout.dir, options())).rejects.toThrow(/holds 2 images; name one/);
  });

  it('refuses a directory that is not a layout', async () => {
    await expect(transport.open(root, options())).rejects.toThrow(/is not an OCI image layout/);
  });

  it('refuses a manifest blob whose bytes do not match its digest', async () => {
    const dir = join(root, 'tampered');
    const tampered = new LayoutWriter(dir);
    const built = await tampered.tag('x', { layers: [] });
    writeFileSync(
      join(dir, 'blobs', 'sha256', built.manifestDigest.slice(7)),
      '{"schemaVersion":2}'
    );

    await expect(transport.open(`${dir}:x`, options())).rejects.toThrow(
      /manifest: digest mismatch/
    );
  });
});
