import { registryHost } from '../scan-pipeline/index.js';
import type { ScannedImage } from './types.js';

/** What matching needs of a scanned image. */
export type ScannedImageKey = Pick<ScannedImage, 'host' | 'repository' | 'digest' | 'tags'>;

const digestSuffix = /@(sha256:[0-9a-f]{64})$/;

/** `host[:port]/repo[:tag]` split; Docker Hub short names are spelled out. */
export function splitReference(reference: string): {
  host: string;
  repository: string;
  tag?: string;
} {
  const slash = reference.indexOf('/');
  const first = slash === -1 ? '' : reference.slice(0, slash);
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
  const host = hasHost ? first : 'docker.io';
  let rest = hasHost ? reference.slice(slash + 1) : reference;
  if (!hasHost && !rest.includes('/')) {
    rest = `library/${rest}`;
  }
  const colon = rest.lastIndexOf(':');
  return colon === -1
    ? { host, repository: rest, tag: 'latest' }
    : { host, repository: rest.slice(0, colon), tag: rest.slice(colon + 1) };
}

function normalHost(host: string): string {
  return ['index.docker.io', 'registry-1.docker.io'].includes(host) ? 'docker.io' : host;
}

/**
 * Indexes scanned images once, for many look-ups: the returned function gives the images a set
 * of workload references runs, by digest when the reference pins one (whatever the registry, a
 * digest is the content), else by registry, repository and tag.
 */
export function imageMatcher<Image extends ScannedImageKey>(
  images: readonly Image[]
): (references: Iterable<string>) => Set<Image> {
  const byDigest = new Map<string, Image[]>();
  const byTag = new Map<string, Image[]>();
  for (const image of images) {
    byDigest.set(image.digest, [...(byDigest.get(image.digest) ?? []), image]);
    for (const tag of image.tags) {
      const key = `${normalHost(image.host)}/${image.repository}:${tag}`;
      byTag.set(key, [...(byTag.get(key) ?? []), image]);
    }
  }
  return (references) => {
    const found = new Set<Image>();
    for (const reference of references) {
      const digest = pinnedDigest(reference);
      const matches =
        digest !== undefined
          ? byDigest.get(digest)
          : (() => {
              const { host, repository, tag } = splitReference(reference);
              return byTag.get(`${normalHost(host)}/${repository}:${tag ?? 'latest'}`);
            })();
      for (const image of matches ?? []) {
        found.add(image);
      }
    }
    return found;
  };
}

/** The scanned images a set of workload references runs (see `imageMatcher`). */
export function imagesRun(
  references: Iterable<string>,
  images: readonly ScannedImage[]
): Set<ScannedImage> {
  return imageMatcher(images)(references);
}

/**
 * The references one container runs: its image as written, and the digests its pods report
 * (`image@sha256:…`), which match a scanned image whatever its tags.
 */
export function containerReferences(image: string, digests: readonly unknown[]): string[] {
  return [
    image,
    ...digests
      .filter((digest): digest is string => typeof digest === 'string')
      .map((digest) => `${image.replace(/@.*$/, '')}@${digest}`),
  ];
}

/** The digest a reference pins, if it pins one. */
export function pinnedDigest(reference: string): string | undefined {
  return digestSuffix.exec(reference)?.[1];
}

/** A registry URL's `host[:port]`, as image references spell it; undefined when it no longer parses. */
export function registryHostOf(url: string): string | undefined {
  try {
    return registryHost(url).host;
  } catch {
    // A registry whose URL no longer parses has no images scanned through it to match.
    return undefined;
  }
}
