import { z } from 'zod';
import { digestOf, isDigest, parseDigest } from '../../core/digest.js';
import { ExternalHostError, InputError, IntegrityError } from '../../core/errors.js';
import { parseJson } from '../../core/parse.js';
import { acceptedManifestTypes, isIndexType, MediaType } from '../oci/media-types.js';
import { maxManifestBytes } from '../oci/schema.js';
import type { RegistryClient } from './client.js';

export interface FetchedManifest {
  /** The digest the bytes were checked against. */
  digest: string;
  mediaType: string;
  isIndex: boolean;
  data: Buffer;
}

/** What a descriptor (or the reference) promised about the manifest before we had it. */
export interface ManifestExpectation {
  digest?: string;
  size?: number;
}

/** Just enough of any manifest to tell what it is, before the real schema is applied. */
const ManifestShape = z
  .object({
    schemaVersion: z.number().optional(),
    mediaType: z.string().optional(),
    manifests: z.unknown().optional(),
    config: z.unknown().optional(),
  })
  .loose();

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The digest of the manifest bytes, checked against whatever named them: the digest we
 * asked for, else the registry's `Docker-Content-Digest`, else none (then it is computed).
 */
export function verifyManifestDigest(
  data: Uint8Array,
  expected: string | undefined,
  headerDigest: string | undefined,
  what: string
): string {
  const claimed = expected ?? headerDigest?.trim();
  if (claimed === undefined) {
    return digestOf(data);
  }
  if (expected === undefined && !isDigest(claimed)) {
    throw new ExternalHostError(
      `${what}: the registry sent an invalid Docker-Content-Digest header`
    );
  }
  const actual = digestOf(data, parseDigest(claimed).algorithm);
  if (actual !== claimed) {
    const whose = expected === undefined ? 'the registry says it is' : 'asked for';
    throw new IntegrityError(
      `${what}: digest mismatch, ${whose} ${claimed} but the content hashes to ${actual}`
    );
  }
  return claimed;
}

/** The manifest's own `mediaType` (covered by the digest) beats the Content-Type header. */
function manifestMediaType(
  data: Uint8Array,
  contentType: string | undefined,
  what: string
): string {
  const shape = parseJson(ManifestShape, data, what);
  const headerType = contentType?.split(';')[0]?.trim();
  if (shape.schemaVersion === 1 || headerType?.includes('distribution.manifest.v1') === true) {
    throw new InputError(
      `${what} is a Docker schema 1 manifest, which palisade does not read; push the image again with a current Docker or skopeo`
    );
  }
  const accepted: readonly string[] = acceptedManifestTypes;
  const inferred =
    shape.manifests !== undefined
      ? MediaType.ociIndex
      : shape.config !== undefined
        ? MediaType.ociManifest
        : undefined;
  const mediaType =
    shape.mediaType ??
    (headerType !== undefined && accepted.includes(headerType) ? headerType : inferred);
  if (mediaType === undefined || !accepted.includes(mediaType)) {
    throw new InputError(
      `${what} has media type ${mediaType ?? '(none)'}, which is not an image manifest or index`
    );
  }
  return mediaType;
}

/** Fetches a manifest or index by tag or digest and checks it is what was asked for. */
export async function fetchManifest(
  client: RegistryClient,
  reference: string,
  expected: ManifestExpectation,
  image: string
): Promise<FetchedManifest> {
  const response = await client.fetchManifest(reference, acceptedManifestTypes, maxManifestBytes);
  const what = `manifest ${reference} of ${image}`;
  const digest = verifyManifestDigest(
    response.data,
    expected.digest,
    firstHeader(response.headers['docker-content-digest']),
    what
  );
  if (expected.size !== undefined && response.data.length !== expected.size) {
    throw new IntegrityError(
      `${what}: the index says ${expected.size} bytes but the manifest has ${response.data.length}`
    );
  }
  const mediaType = manifestMediaType(
    response.data,
    firstHeader(response.headers['content-type']),
    what
  );
  return { digest, mediaType, isIndex: isIndexType(mediaType), data: response.data };
}
