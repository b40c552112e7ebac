import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compress, sha256, tarOf, type Compression } from '../../../test/harness/oci-builder.js';
import { IntegrityError, InputError } from '../../core/errors.js';
import { analyzers } from '../analyzer/api.js';
import type { LayerSource } from '../source/types.js';
import { analyzeLayer } from './analyze-layer.js';
import { defaultLimits } from './limits.js';

const dpkgStatus =
  'Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n';

async function layerOf(
  compression: Compression,
  override: Partial<LayerSource> = {}
): Promise<LayerSource> {
  const tar = await tarOf([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
    { name: 'usr/bin/bash', content: Buffer.alloc(100_000, 7) },
    { name: 'var/lib/dpkg/status', content: dpkgStatus },
  ]);
  const blob = compress(tar, compression);
  return {
    index: 0,
    digest: sha256(blob),
    diffId: sha256(tar),
    mediaType: 'application/vnd.oci.image.layer.v1.tar',
    size: blob.length,
    open: () => Promise.resolve(Readable.from([blob.subarray(0, 1000), blob.subarray(1000)])),
    ...override,
  };
}

const all = [...analyzers.values()];

describe('analyzeLayer', () => {
  it.each<Compression>(['gzip', 'zstd', 'none'])(
    'streams a %s layer once and finds its packages',
    async (compression) => {
      const analysis = await analyzeLayer(await layerOf(compression), all, defaultLimits);

      expect(analysis.entries).toBe(4);
      expect(Object.keys(analysis.files).sort()).toEqual(['etc/os-release', 'var/lib/dpkg/status']);
      expect(analysis.files['var/lib/dpkg/status']?.[0]?.result.packages?.[0]).toMatchObject({
        name: 'bash',
        version: '5.2.15-2+b2',
      });
    }
  );

  it('sniffs the compression instead of trusting the media type', async () => {
    const layer = await layerOf('gzip', { mediaType: 'application/vnd.oci.image.layer.v1.tar' });

    const analysis = await analyzeLayer(layer, all, defaultLimits);

    expect(analysis.entries).toBe(4);
  });

  it('reports progress in compressed bytes', async () => {
    const layer = await layerOf('gzip');
    let seen = 0;

    await analyzeLayer(layer, all, defaultLimits, (count) => (seen += count));

    expect(seen).toBe(layer.size);
  });

  it('refuses a blob whose digest lies', async () => {
    const honest = await layerOf('gzip');
    const lying = { ...honest, digest: `sha256:${'0'.repeat(64)}` };

    await expect(analyzeLayer(lying, all, defaultLimits)).rejects.toThrow(IntegrityError);
    await expect(analyzeLayer(lying, all, defaultLimits)).rejects.toThrow(
      /layer 1 \(sha256:000000000000\) blob: digest mismatch/
    );
  });

  it('analyses the verified blob whatever diffID the config claims', async () => {
    const claimed = await layerOf('zstd', { diffId: `sha256:${'1'.repeat(64)}` });

    const analysis = await analyzeLayer(claimed, all, defaultLimits);

    expect(analysis.files['var/lib/dpkg/status']?.[0]?.result.packages?.[0]?.name).toBe('bash');
  });

  it('refuses a truncated blob', async () => {
    const honest = await layerOf('gzip');
    const blob = Buffer.concat(await Readable.from(await honest.open()).toArray());
    const truncated = {
      ...honest,
      open: () => Promise.resolve(Readable.from([blob.subarray(0, blob.length - 200)])),
    };

    const error = await analyzeLayer(truncated, all, defaultLimits).catch(
      (caught: unknown) => caught
    );

    expect(error).toBeInstanceOf(Error);
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/^layer 1 \(sha256:[0-9a-f]{12}\)/);
  });

  it('refuses a blob longer than its descriptor says', async () => {
    const honest = await layerOf('none');

    await expect(
      analyzeLayer({ ...honest, size: honest.size - 512 }, all, defaultLimits)
    ).rejects.toThrow(/longer than the .* bytes its descriptor says/);
  });

  it('stops a decompression bomb at the uncompressed cap', async () => {
    const tar = await tarOf([{ name: 'zeros', content: Buffer.alloc(4 * 1024 * 1024) }]);
    const blob = compress(tar, 'gzip');
    const bomb: LayerSource = {
      index: 2,
      digest: sha256(blob),
      diffId: sha256(tar),
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      size: blob.length,
      open: () => Promise.resolve(Readable.from([blob])),
    };

    await expect(
      analyzeLayer(bomb, all, { ...defaultLimits, maxLayerBytes: 1024 * 1024 })
    ).rejects.toThrow(InputError);
    await expect(
      analyzeLayer(bomb, all, { ...defaultLimits, maxLayerBytes: 1024 * 1024 })
    ).rejects.toThrow(/layer 3 .* more than 1048576 bytes uncompressed/);
  });

  it('refuses garbage that is not a tar', async () => {
    const junk = Buffer.alloc(2048, 0x41);
    const layer: LayerSource = {
      index: 0,
      digest: sha256(junk),
      diffId: sha256(junk),
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      size: junk.length,
      open: () => Promise.resolve(Readable.from([junk])),
    };

    await expect(analyzeLayer(layer, all, defaultLimits)).rejects.toThrow(
      /layer 1 .*: corrupt layer/
    );
  });
});
