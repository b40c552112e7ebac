import { PackageURL } from 'packageurl-js';
import type { Artifact } from '../../core/inventory.js';

interface ImageCoordinates {
  /** The purl name: the last path segment of the repository. */
  name: string;
  /** Registry host and repository path, for the `repository_url` qualifier. */
  repositoryUrl?: string;
  tag?: string;
}

/**
 * The image's package URL, `pkg:oci/<name>@<manifest digest>?arch=…&repository_url=…&tag=…`,
 * or undefined when there is no manifest digest to pin it (a `dir:` scan): a purl without
 * its digest would name every build of that tag at once.
 */
export function imagePurl(artifact: Artifact): string | undefined {
  if (!artifact.manifestDigest) {
    return undefined;
  }
  const coordinates = imageCoordinates(artifact);
  if (!coordinates) {
    return undefined;
  }
  const qualifiers: Record<string, string> = {};
  if (artifact.platform?.architecture) {
    qualifiers['arch'] = artifact.platform.architecture;
  }
  if (coordinates.repositoryUrl) {
    qualifiers['repository_url'] = coordinates.repositoryUrl;
  }
  if (coordinates.tag) {
    qualifiers['tag'] = coordinates.tag;
  }
  return new PackageURL(
    'oci',
    undefined,
    coordinates.name,
    artifact.manifestDigest,
    Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
    undefined
  ).toString();
}

function imageCoordinates(artifact: Artifact): ImageCoordinates | undefined {
  switch (artifact.transport) {
    case 'registry':
      return registryCoordinates(artifact.name);
    case 'oci':
      return layoutCoordinates(artifact.name.replace(/^oci:/, ''), true);
    case 'docker-archive':
      // The text after a colon in `docker-archive:FILE:REF` is not a plain tag; leave it out.
      return layoutCoordinates(artifact.name.replace(/^docker-archive:/, ''), false);
    default:
      return undefined;
  }
}

/** `registry/path/repo[:tag][@digest]`: a colon after the last slash starts the tag. */
function registryCoordinates(reference: string): ImageCoordinates | undefined {
  const withoutDigest = reference.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const tagColon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = tagColon === -1 ? withoutDigest : withoutDigest.slice(0, tagColon);
  const tag = tagColon === -1 ? undefined : withoutDigest.slice(tagColon + 1);
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  if (!name) {
    return undefined;
  }
  return { name, repositoryUrl: repository, ...(tag ? { tag } : {}) };
}

/**
 * A file or folder on disk has no repository; its base name is the best name there is
 * (`/images/alpine.tar` → `alpine`).
 */
function layoutCoordinates(spec: string, hasTag: boolean): ImageCoordinates | undefined {
  const lastSlash = spec.lastIndexOf('/');
  const colon = spec.indexOf(':', lastSlash + 1);
  const path = colon === -1 ? spec : spec.slice(0, colon);
  const tag = hasTag && colon !== -1 ? spec.slice(colon + 1) : undefined;
  const base = path
    .replace(/\/+$/, '')
    .split('/')
    .pop()
    ?.replace(/\.(tar|tar\.gz|tgz)$/i, '');
  if (!base) {
    return undefined;
  }
  return { name: base, ...(tag ? { tag } : {}) };
}
