import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NotFoundError, UsageError } from '../../../core/errors.js';
import { parseJson } from '../../../core/parse.js';
import { isIndexType } from '../../oci/media-types.js';
import { selectPlatform } from '../../oci/platform.js';
import {
  type Descriptor,
  ImageConfig,
  ImageIndex,
  ImageManifest,
  OciLayout,
  maxConfigBytes,
  maxManifestBytes,
} from '../../oci/schema.js';
import { assembleImage } from '../../source/assemble.js';
import type { OpenOptions, ResolvedImage, Transport } from '../../source/types.js';
import { openBlobStream, readBlob } from './layout.js';

const refNameAnnotation = 'org.opencontainers.image.ref.name';

/** `oci:DIR[:TAG]` — skopeo's naming; a path that exists as given wins over a `:TAG` split. */
async function splitSpec(spec: string): Promise<{ dir: string; tag?: string }> {
  if (spec === '') {
    throw new UsageError('oci: needs a layout directory, like oci:/path/to/layout:tag');
  }
  const colon = spec.lastIndexOf(':');
  if (colon <= 0 || (await exists(spec))) {
    return { dir: resolve(spec) };
  }
  return { dir: resolve(spec.slice(0, colon)), tag: spec.slice(colon + 1) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readTopIndex(dir: string): Promise<ImageIndex> {
  let layoutText: string;
  let indexText: Buffer;
  try {
    layoutText = await readFile(join(dir, 'oci-layout'), 'utf8');
    indexText = await readFile(join(dir, 'index.json'));
  } catch (error) {
    throw new NotFoundError(`oci:${dir} is not an OCI image layout (no oci-layout or index.json)`, {
      cause: error,
    });
  }
  parseJson(OciLayout, layoutText, `oci:${dir}/oci-layout`);
  if (indexText.length > maxManifestBytes) {
    throw new UsageError(`oci:${dir}/index.json is over ${maxManifestBytes} bytes`);
  }
  return parseJson(ImageIndex, indexText, `oci:${dir}/index.json`);
}

function pickEntry(index: ImageIndex, dir: string, tag: string | undefined): Descriptor {
  const named = (descriptor: Descriptor): string | undefined =>
    descriptor.annotations?.[refNameAnnotation];
  const found = tag
    ? index.manifests.find((descriptor) => named(descriptor) === tag || descriptor.digest === tag)
    : index.manifests.length === 1
      ? index.manifests[0]
      : undefined;
  if (found) {
    return found;
  }
  const tags = index.manifests.map((descriptor) => named(descriptor) ?? descriptor.digest);
  throw new NotFoundError(
    tag
      ? `oci:${dir} has no image tagged ${JSON.stringify(tag)}; it has: ${tags.join(', ') || 'none'}`
      : `oci:${dir} holds ${index.manifests.length} images; name one with oci:${dir}:TAG (${tags.join(', ')})`
  );
}

async function open(spec: string, options: OpenOptions): Promise<ResolvedImage> {
  const { dir, tag } = await splitSpec(spec);
  const name = tag ? `oci:${dir}:${tag}` : `oci:${dir}`;
  let entry = pickEntry(await readTopIndex(dir), dir, tag);
  let indexDigest: string | undefined;
  if (isIndexType(entry.mediaType)) {
    const nested = await readBlob(dir, entry.digest, maxManifestBytes, `${name} index`);
    indexDigest = entry.digest;
    entry = selectPlatform(parseJson(ImageIndex, nested, `${name} index`), options.platform, name);
  }
  const manifestBytes = await readBlob(dir, entry.digest, maxManifestBytes, `${name} manifest`);
  const manifest = parseJson(ImageManifest, manifestBytes, `${name} manifest`);
  const configBytes = await readBlob(dir, manifest.config.digest, maxConfigBytes, `${name} config`);
  return assembleImage({
    name,
    transport: 'oci',
    manifest,
    manifestDigest: entry.digest,
    ...(indexDigest ? { indexDigest } : {}),
    config: parseJson(ImageConfig, configBytes, `${name} config`),
    configDigest: manifest.config.digest,
    openBlob: (descriptor) => openBlobStream(dir, descriptor.digest, name),
  });
}

export const transport: Transport = {
  id: 'oci',
  description: 'an OCI image layout directory: oci:/path/to/layout[:tag]',
  open,
};
