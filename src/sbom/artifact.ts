import type { Artifact } from '../core/inventory.js';

/** What an SBOM says about its subject: the image it describes. */
export interface SbomSubject {
  name: string;
  version?: string;
  purl?: string;
}

const digestPattern = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/**
 * The artifact of an inventory read from an SBOM: the image's name and, when the SBOM's
 * version of it is a digest, its manifest digest. The transport is told from the name the way
 * `scan image` names things (`oci:…`, `docker-archive:…`, `dir:…`, or a registry reference
 * with a `pkg:oci` purl), so a report rendered from the SBOM names the image as the scan did;
 * anything else is `sbom`. Layers and platform are not in either SBOM format.
 */
export function artifactOf(subject: SbomSubject | undefined, source: string): Artifact {
  if (!subject) {
    return { name: source, transport: 'sbom', layers: [] };
  }
  return {
    name: subject.name,
    transport: transportOf(subject),
    ...(subject.version && digestPattern.test(subject.version)
      ? { manifestDigest: subject.version }
      : {}),
    layers: [],
  };
}

function transportOf(subject: SbomSubject): string {
  const prefix = /^(oci|docker-archive|dir):/.exec(subject.name)?.[1];
  if (prefix) {
    return prefix;
  }
  if (subject.purl?.startsWith('pkg:oci/') && subject.purl.includes('repository_url=')) {
    return 'registry';
  }
  return 'sbom';
}
