import type { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { layerCompression } from '../oci/media-types.js';
import type { Descriptor, ImageConfig, ImageManifest, Platform } from '../oci/schema.js';
import type { LayerSource, ResolvedImage } from './types.js';

export interface AssembleInput {
  name: string;
  transport: string;
  manifest: ImageManifest;
  manifestDigest?: string;
  indexDigest?: string;
  config: ImageConfig;
  configDigest: string;
  openBlob: (descriptor: Descriptor) => Promise<Readable>;
  close?: () => Promise<void>;
}

/**
 * Pairs a manifest's layers with the config's diffIDs. A manifest and config that disagree
 * on the layer count describe no image we could trust, so they are refused.
 */
export function assembleImage(input: AssembleInput): ResolvedImage {
  const { manifest, config } = input;
  const diffIds = config.rootfs.diff_ids;
  if (manifest.layers.length !== diffIds.length) {
    throw new InputError(
      `${input.name}: the manifest lists ${manifest.layers.length} layers but the config lists ${diffIds.length} diffIDs`
    );
  }
  const layers: LayerSource[] = manifest.layers.map((descriptor, index) => {
    if (layerCompression(descriptor.mediaType) === undefined) {
      throw new InputError(
        `${input.name}: layer ${index + 1} has an unsupported media type ${descriptor.mediaType}`
      );
    }
    return {
      index,
      digest: descriptor.digest,
      diffId: diffIds[index] ?? '',
      mediaType: descriptor.mediaType,
      size: descriptor.size,
      open: () => input.openBlob(descriptor),
    };
  });
  const image: ResolvedImage = {
    name: input.name,
    transport: input.transport,
    config,
    configDigest: input.configDigest,
    layers,
    close: input.close ?? (() => Promise.resolve()),
  };
  if (input.manifestDigest) {
    image.manifestDigest = input.manifestDigest;
  }
  if (input.indexDigest) {
    image.indexDigest = input.indexDigest;
  }
  const platform = platformOf(config);
  if (platform) {
    image.platform = platform;
  }
  return image;
}

function platformOf(config: ImageConfig): Platform | undefined {
  if (!config.os || !config.architecture) {
    return undefined;
  }
  return config.variant
    ? { os: config.os, architecture: config.architecture, variant: config.variant }
    : { os: config.os, architecture: config.architecture };
}
