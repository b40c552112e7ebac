import { InputError } from '../../core/errors.js';
import { parseJson } from '../../core/parse.js';
import { authProviders } from '../auth/api.js';
import type { AuthProvider } from '../auth/types.js';
import { MediaType } from '../oci/media-types.js';
import { formatPlatform, selectPlatform } from '../oci/platform.js';
import {
  ImageConfig,
  ImageIndex,
  ImageManifest,
  maxConfigBytes,
  type Platform,
} from '../oci/schema.js';
import { assembleImage } from '../source/assemble.js';
import type { OpenOptions, ResolvedImage, Transport } from '../source/types.js';
import { RegistryClient } from './client.js';
import { openLayer } from './layers.js';
import { fetchManifest, type FetchedManifest } from './manifest.js';
import { manifestReference, parseReference, type ImageReference } from './reference.js';
import { defaultBackoff, type BackoffPolicy } from './retry.js';

export interface RegistryTransportDependencies {
  /** Credential sources in priority order; `authProviders` by default. */
  providers?: ReadonlyMap<string, AuthProvider>;
  backoff?: BackoffPolicy;
}

const configTypes: readonly string[] = [MediaType.ociConfig, MediaType.dockerConfig];

interface PlatformManifest {
  manifest: FetchedManifest;
  indexDigest?: string;
  platform?: Platform;
}

/** The manifest for the wanted platform: the reference's own, or the one its index picks. */
async function platformManifest(
  client: RegistryClient,
  reference: ImageReference,
  wanted: Platform
): Promise<PlatformManifest> {
  const top = await fetchManifest(
    client,
    manifestReference(reference),
    reference.digest === undefined ? {} : { digest: reference.digest },
    reference.name
  );
  if (!top.isIndex) {
    return { manifest: top };
  }
  const index = parseJson(ImageIndex, top.data, `index ${top.digest} of ${reference.name}`);
  const chosen = selectPlatform(index, wanted, `image ${reference.name}`);
  const manifest = await fetchManifest(
    client,
    chosen.digest,
    { digest: chosen.digest, size: chosen.size },
    reference.name
  );
  if (manifest.isIndex) {
    throw new InputError(
      `image ${reference.name}: the ${formatPlatform(wanted)} entry of its index is another index, which palisade does not follow`
    );
  }
  return {
    manifest,
    indexDigest: top.digest,
    ...(chosen.platform === undefined ? {} : { platform: chosen.platform }),
  };
}

async function resolve(
  client: RegistryClient,
  reference: ImageReference,
  options: OpenOptions
): Promise<ResolvedImage> {
  const { manifest, indexDigest, platform } = await platformManifest(
    client,
    reference,
    options.platform
  );
  const image = parseJson(
    ImageManifest,
    manifest.data,
    `manifest ${manifest.digest} of ${reference.name}`
  );
  if (!configTypes.includes(image.config.mediaType)) {
    throw new InputError(
      `${reference.name} is not a container image: its config has media type ${JSON.stringify(image.config.mediaType.slice(0, 200))}`
    );
  }
  if (image.config.size > maxConfigBytes) {
    throw new InputError(
      `image ${reference.name}: the config is ${image.config.size} bytes, more than the ${maxConfigBytes} allowed`
    );
  }
  const configData = await client.fetchBlob(
    image.config.digest,
    image.config.size,
    maxConfigBytes,
    'config'
  );
  const config = parseJson(ImageConfig, configData, `config of ${reference.name}`);
  const resolved = assembleImage({
    name: reference.name,
    transport: 'registry',
    manifest: image,
    manifestDigest: manifest.digest,
    ...(indexDigest === undefined ? {} : { indexDigest }),
    config,
    configDigest: image.config.digest,
    openBlob: (descriptor) => openLayer(client, descriptor),
    close: () => client.close(),
  });
  // The index entry says which platform was chosen even when the config leaves it out.
  if (platform !== undefined) {
    resolved.platform = platform;
  }
  return resolved;
}

/** A registry transport; tests inject credential providers and a faster backoff. */
export function createRegistryTransport(
  dependencies: RegistryTransportDependencies = {}
): Transport {
  return {
    id: 'registry',
    description:
      'an OCI Distribution registry: registry/repo:tag, repo@sha256:…, alpine:3.20 (Docker Hub)',
    open: async (spec, options) => {
      const reference = parseReference(spec);
      const client = new RegistryClient({
        reference,
        open: options,
        backoff: dependencies.backoff ?? defaultBackoff,
        providers: dependencies.providers ?? authProviders,
      });
      try {
        return await resolve(client, reference, options);
      } catch (error) {
        await client.close();
        throw error;
      }
    },
  };
}

export const transport: Transport = createRegistryTransport();
