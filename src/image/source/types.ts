import type { Readable } from 'node:stream';
import type { Logger } from '../../core/logger.js';
import type { ImageConfig, Platform } from '../oci/schema.js';

/** A layer the scan can stream: the raw blob bytes, verified by the scan as they pass. */
export interface LayerSource {
  index: number;
  /** Digest of the blob as stored (compressed for gzip/zstd layers). */
  digest: string;
  /** Uncompressed digest from the config's `rootfs.diff_ids`. */
  diffId: string;
  mediaType: string;
  /** Size from the manifest descriptor; reading more or fewer bytes is an error. */
  size: number;
  /** Opens the blob; the stream is not yet checked against `digest`. */
  open(): Promise<Readable>;
}

/** An image resolved down to one platform: its manifest, config and layers. */
export interface ResolvedImage {
  /** What the user typed, normalised for display (`docker.io/library/alpine:3.20`). */
  name: string;
  transport: string;
  /** Digest of the platform manifest; for `dir:` there is none. */
  manifestDigest?: string;
  /** Digest of the index the platform was chosen from, when there was one. */
  indexDigest?: string;
  platform?: Platform;
  config?: ImageConfig;
  configDigest?: string;
  layers: LayerSource[];
  /** Set for `dir:`: a root filesystem to walk instead of layers. */
  rootfs?: string;
  /** Releases temp files and connections. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `os/arch[/variant]` wanted from a multi-platform index. */
  platform: Platform;
  logger: Logger;
  signal?: AbortSignal;
  /** Registry transport options; others ignore them. */
  registry: RegistryOptions;
}

export interface RegistryOptions {
  /** Allow plain HTTP (and self-signed TLS) for these registries, or for all when true. */
  insecure: boolean;
  username?: string;
  password?: string;
  /** `~/.docker/config.json` by default; `DOCKER_CONFIG` points at its folder. */
  dockerConfigPath?: string;
  /** Environment to read `PALISADE_REGISTRY_*` and `DOCKER_CONFIG` from (process.env by default). */
  env: Record<string, string | undefined>;
  /** Retries on 429/5xx and connection errors before giving up. */
  maxRetries: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
}

/**
 * An image transport, named like skopeo's: `oci:DIR[:TAG]`, `docker-archive:FILE`,
 * `dir:ROOTFS`, and the registry (`registry/repo:tag`, `repo@sha256:…`, `alpine:3.20`),
 * which takes any reference without a transport prefix.
 */
export interface Transport {
  /** The prefix before the first colon (`oci`, `docker-archive`, `dir`); `registry` has none. */
  readonly id: string;
  readonly description: string;
  /** `spec` is the reference with the `id:` prefix removed. */
  open(spec: string, options: OpenOptions): Promise<ResolvedImage>;
}
