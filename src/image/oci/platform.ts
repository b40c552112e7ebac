import { arch as hostArch } from 'node:os';
import { NotFoundError, UsageError } from '../../core/errors.js';
import type { Descriptor, ImageIndex, Platform } from './schema.js';

/** Node's names for the host CPU, mapped to the OCI `architecture` values images use. */
const nodeToOciArch: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64el: 'mips64le',
  loong64: 'loong64',
};

export function hostPlatform(): Platform {
  const architecture = nodeToOciArch[hostArch()] ?? hostArch();
  return architecture === 'arm64'
    ? { os: 'linux', architecture, variant: 'v8' }
    : { os: 'linux', architecture };
}

/** Parses `os/arch[/variant]` as given to `--platform`. */
export function parsePlatform(text: string): Platform {
  const parts = text.split('/');
  const [os, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !os || !architecture || variant === '') {
    throw new UsageError(
      `--platform must be os/arch[/variant], like linux/arm64/v8; got ${JSON.stringify(text)}`
    );
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(
  platform: Pick<Platform, 'os' | 'architecture' | 'variant'>
): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** arm64 images usually omit the variant, which then means v8; arm without one means v7. */
function normalisedVariant(
  platform: Pick<Platform, 'architecture' | 'variant'>
): string | undefined {
  if (platform.variant) {
    return platform.variant;
  }
  if (platform.architecture === 'arm64') {
    return 'v8';
  }
  return platform.architecture === 'arm' ? 'v7' : undefined;
}

function matches(candidate: Platform, wanted: Platform): boolean {
  return (
    candidate.os === wanted.os &&
    candidate.architecture === wanted.architecture &&
    (wanted.variant === undefined || normalisedVariant(candidate) === normalisedVariant(wanted))
  );
}

/**
 * Picks the manifest for a platform from an index. Attestation manifests (BuildKit's
 * `unknown/unknown` entries) are never picked. An absent platform is an error that lists
 * the platforms the index has.
 */
export function selectPlatform(index: ImageIndex, wanted: Platform, what: string): Descriptor {
  const candidates = index.manifests.filter(
    (descriptor) =>
      descriptor.platform !== undefined &&
      descriptor.platform.os !== 'unknown' &&
      descriptor.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest'
  );
  const exact = candidates.find((descriptor) =>
    descriptor.platform ? matches(descriptor.platform, wanted) : false
  );
  if (exact) {
    return exact;
  }
  const available = candidates.map((descriptor) =>
    descriptor.platform ? formatPlatform(descriptor.platform) : '?'
  );
  throw new NotFoundError(
    `${what} has no image for platform ${formatPlatform(wanted)}; it has: ${available.join(', ') || 'none'}`
  );
}
