import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** A tar entry for synthetic layers; `name` is written exactly as given (hostile names too). */
export interface TarEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  /** Permission bits; files default to 0o644, directories to 0o755. */
  mode?: number;
}

export type Compression = 'gzip' | 'zstd' | 'none';

export interface LayerSpec {
  entries: TarEntry[];
  compression?: Compression;
}

export interface ImageSpec {
  layers: LayerSpec[];
  architecture?: string;
  os?: string;
  variant?: string;
}

export interface BuiltImage {
  manifestDigest: string;
  configDigest: string;
  layerDigests: string[];
  diffIds: string[];
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export async function tarOf(entries: readonly TarEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const finished = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = type === 'file' ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: entry.name,
        type,
        mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
        mtime: new Date(0),
        ...(entry.linkname ? { linkname: entry.linkname } : {}),
      };
      archive.entry(header, content, (error) => (error ? reject(error) : resolve()));
    });
  }
  archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}

export function compress(data: Buffer, compression: Compression): Buffer {
  switch (compression) {
    case 'gzip':
      return gzipSync(data);
    case 'zstd':
      return execFileSync('zstd', ['-q', '-c', '-3'], { input: data, maxBuffer: 1024 ** 3 });
    case 'none':
      return data;
  }
}

const layerMediaTypes: Record<Compression, string> = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
};

/** Writes OCI image layouts by hand, so tests control every byte (including the lies). */
export class LayoutWriter {
  readonly dir: string;
  readonly #manifests: object[] = [];

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  }

  writeBlob(data: Buffer): string {
    const digest = sha256(data);
    writeFileSync(join(this.dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), data);
    return digest;
  }

  async image(spec: ImageSpec): Promise<BuiltImage & { descriptor: object }> {
    const layers: object[] = [];
    const layerDigests: string[] = [];
    const diffIds: string[] = [];
    for (const layer of spec.layers) {
      const tar = await tarOf(layer.entries);
      const blob = compress(tar, layer.compression ?? 'gzip');
      const digest = this.writeBlob(blob);
      layers.push({
        mediaType: layerMediaTypes[layer.compression ?? 'gzip'],
        digest,
        size: blob.length,
      });
      layerDigests.push(digest);
      diffIds.push(sha256(tar));
    }
    const platform = {
      architecture: spec.architecture ?? 'amd64',
      os: spec.os ?? 'linux',
      ...(spec.variant ? { variant: spec.variant } : {}),
    };
    const config = Buffer.from(
      JSON.stringify({
        ...platform,
        created: '2024-01-01T00:00:00Z',
        rootfs: { type: 'layers', diff_ids: diffIds },
        config: {},
      })
    );
    const configDigest = this.writeBlob(config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers,
      })
    );
    const manifestDigest = this.writeBlob(manifest);
    const descriptor = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: manifestDigest,
      size: manifest.length,
      platform,
    };
    return { manifestDigest, configDigest, layerDigests, diffIds, descriptor };
  }

  /** Tags a single-platform image. */
  async tag(tag: string, spec: ImageSpec): Promise<BuiltImage> {
    const built = await this.image(spec);
    this.#manifests.push({
      ...built.descriptor,
      annotations: { 'org.opencontainers.image.ref.name': tag },
    });
    this.#flush();
    return built;
  }

  /** Tags a multi-platform index over several images. */
  async tagIndex(
    tag: string,
    specs: ImageSpec[]
  ): Promise<{ indexDigest: string; images: BuiltImage[] }> {
    const images = [];
    for (const spec of specs) {
      images.push(await this.image(spec));
    }
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: images.map((image) => image.descriptor),
      })
    );
    const indexDigest = this.writeBlob(index);
    this.#manifests.push({
      mediaType: 'application/vnd.oci.image.index.v1+json',
      digest: indexDigest,
      size: index.length,
      annotations: { 'org.opencontainers.image.ref.name': tag },
    });
    this.#flush();
    return { indexDigest, images };
  }

  #flush(): void {
    writeFileSync(
      join(this.dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: this.#manifests,
      })
    );
  }
}
