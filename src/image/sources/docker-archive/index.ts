import { createReadStream } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { digestOf } from '../../../core/digest.js';
import { IntegrityError, InputError, NotFoundError, UsageError } from '../../../core/errors.js';
import { parseJson } from '../../../core/parse.js';
import { MediaType } from '../../oci/media-types.js';
import {
  DockerArchiveManifest,
  ImageConfig,
  maxConfigBytes,
  maxManifestBytes,
  type Descriptor,
  type ImageManifest,
} from '../../oci/schema.js';
import { assembleImage } from '../../source/assemble.js';
import type { ResolvedImage, Transport } from '../../source/types.js';
import { indexTar, type TarMember } from './tar-index.js';

type ArchiveEntry = DockerArchiveManifest[number];

/** `docker-archive:FILE[:REPO:TAG]`: the tar that `docker save` (or skopeo) writes. */
function splitSpec(spec: string): { file: string; ref?: string } {
  if (spec === '') {
    throw new UsageError('docker-archive: needs a file, like docker-archive:/path/image.tar');
  }
  const match = /^(?<file>[^:]+):(?<ref>.+)$/.exec(spec);
  const file = match?.groups?.['file'];
  const ref = match?.groups?.['ref'];
  return file && ref ? { file: resolve(file), ref } : { file: resolve(spec) };
}

async function readMember(
  handle: FileHandle,
  member: TarMember,
  maxBytes: number,
  what: string
): Promise<Buffer> {
  if (member.size > maxBytes) {
    throw new InputError(`${what} is ${member.size} bytes, over the ${maxBytes}-byte cap`);
  }
  const data = Buffer.alloc(member.size);
  await handle.read(data, 0, member.size, member.offset);
  return data;
}

function pickEntry(
  manifest: DockerArchiveManifest,
  ref: string | undefined,
  name: string
): ArchiveEntry {
  const strip = (tag: string): string => tag.replace(/^docker\.io\/(library\/)?/, '');
  const found = ref
    ? manifest.find((entry) => (entry.RepoTags ?? []).some((tag) => strip(tag) === strip(ref)))
    : manifest.length === 1
      ? manifest[0]
      : undefined;
  if (found) {
    return found;
  }
  const tags = manifest.flatMap((entry) => entry.RepoTags ?? ['(untagged)']);
  throw new NotFoundError(
    ref
      ? `${name} has no image tagged ${ref}; it has: ${tags.join(', ')}`
      : `${name} holds ${manifest.length} images; name one with docker-archive:FILE:REPO:TAG (${tags.join(', ')})`
  );
}

/** Blobs named `blobs/sha256/<hex>` (Docker 25+) carry their digest; legacy `layer.tar`s are uncompressed. */
function layerDescriptor(
  entry: ArchiveEntry,
  index: number,
  diffId: string,
  member: TarMember
): Descriptor {
  const path = entry.Layers[index] ?? '';
  const known = entry.LayerSources?.[diffId];
  if (known) {
    return { ...known, size: member.size };
  }
  const named = /^blobs\/(?<algorithm>sha256|sha512)\/(?<hex>[a-f0-9]+)$/.exec(path)?.groups;
  const digest = named ? `${named['algorithm']}:${named['hex']}` : diffId;
  return {
    mediaType: digest === diffId ? MediaType.ociLayer : MediaType.ociLayerGzip,
    digest,
    size: member.size,
  };
}

async function open(spec: string): Promise<ResolvedImage> {
  const { file, ref } = splitSpec(spec);
  const name = `docker-archive:${file}${ref ? `:${ref}` : ''}`;
  let handle: FileHandle;
  try {
    handle = await openFile(file, 'r');
  } catch (error) {
    throw new NotFoundError(`${name}: cannot open the archive`, { cause: error });
  }
  try {
    const members = await indexTar(handle, name);
    const member = (path: string, what: string): TarMember => {
      const found = members.get(path.replace(/^\.\//, ''));
      if (!found) {
        throw new InputError(`${name}: ${what} ${path} is missing from the archive`);
      }
      return found;
    };
    const manifestBytes = await readMember(
      handle,
      member('manifest.json', 'the manifest'),
      maxManifestBytes,
      `${name} manifest.json`
    );
    const entry = pickEntry(
      parseJson(DockerArchiveManifest, manifestBytes, `${name} manifest.json`),
      ref,
      name
    );
    const configBytes = await readMember(
      handle,
      member(entry.Config, 'the config'),
      maxConfigBytes,
      `${name} config`
    );
    const configDigest = digestOf(configBytes);
    const namedHex = /(?:^|\/)(?<hex>[a-f0-9]{64})(?:\.json)?$/.exec(entry.Config)?.groups?.['hex'];
    if (namedHex && `sha256:${namedHex}` !== configDigest) {
      throw new IntegrityError(
        `${name}: config ${entry.Config} does not hash to the digest it is named by`
      );
    }
    const config = parseJson(ImageConfig, configBytes, `${name} config`);
    const layerMembers = entry.Layers.map((path) => member(path, 'layer'));
    const manifest: ImageManifest = {
      schemaVersion: 2,
      config: { mediaType: MediaType.ociConfig, digest: configDigest, size: configBytes.length },
      layers: layerMembers.map((layerMember, index) =>
        layerDescriptor(entry, index, config.rootfs.diff_ids[index] ?? '', layerMember)
      ),
    };
    const offsets = new Map(
      manifest.layers.map((descriptor, index) => [descriptor.digest, layerMembers[index]])
    );
    const image = assembleImage({
      name,
      transport: 'docker-archive',
      manifest,
      config,
      configDigest,
      openBlob: (descriptor) => {
        const found = offsets.get(descriptor.digest);
        return Promise.resolve(
          createReadStream(file, {
            start: found?.offset ?? 0,
            end: (found?.offset ?? 0) + (found?.size ?? 0) - 1,
            highWaterMark: 1024 * 1024,
          })
        );
      },
    });
    return image;
  } finally {
    await handle.close();
  }
}

export const transport: Transport = {
  id: 'docker-archive',
  description: 'a `docker save` archive: docker-archive:/path/image.tar[:repo:tag]',
  open,
};
