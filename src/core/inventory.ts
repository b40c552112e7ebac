import type { Finding } from './finding.js';
import type { OsInfo } from './os.js';
import type { LayerRef, Package } from './package.js';

/**
 * The version of the inventory document. `--format json` prints an `Inventory` as it is, so
 * other tools read this shape: bump the number on any change that could break a reader
 * (a field removed, renamed or given a new meaning); adding an optional field does not.
 */
export const inventorySchemaVersion = 1;

/** What one scan found in one image (one platform of it): the JSON report is this object. */
export interface Inventory {
  schemaVersion: typeof inventorySchemaVersion;
  tool: { name: 'palisade'; version: string };
  /** When the scan ran, ISO 8601 in UTC (`2024-05-01T12:00:00.000Z`). */
  createdAt: string;
  artifact: Artifact;
  /** Absent when nothing in the image identified its operating system. */
  os?: OsInfo;
  /** Sorted with `comparePackages`, so two scans of one image print the same list. */
  packages: Package[];
  /** Things a person should know about this result: a capped file, a hard link not followed. */
  notes: string[];
  /** Present when the scan matched the packages against an advisory database. */
  vulnerabilities?: VulnerabilityReport;
}

/** The vulnerability half of a scan: what matched, what was set aside and why, what could not be judged. */
export interface VulnerabilityReport {
  /** The database the findings come from, so a reader can tell how fresh they are. */
  database: { builtAt: string; sources: string[] };
  /** Sorted worst first. */
  findings: Finding[];
  /**
   * Findings a policy set aside (`--ignore-unfixed`, `--severity`, an ignore file, a VEX
   * statement), each with the reason. Never silently dropped: counted in every format, listed
   * with `--show-suppressed`.
   */
  suppressed: SuppressedFinding[];
  /** Packages that could not be judged (a version the scheme cannot read): an unknown, not a pass. */
  unknowns: { purl: string; reason: string }[];
}

export interface SuppressedFinding {
  finding: Finding;
  by: 'ignore-unfixed' | 'severity' | 'ignore-file' | 'vex';
  /** Why, in words: the ignore entry's reason, the VEX justification, the severity threshold. */
  reason: string;
}

export interface Artifact {
  /**
   * The reference as given, normalised: `docker.io/library/alpine:3.20`, `oci:/path:tag`,
   * `docker-archive:/path/image.tar`, `dir:/rootfs`.
   */
  name: string;
  /** `registry`, `oci`, `docker-archive` or `dir`. */
  transport: string;
  /** Digest of the platform manifest; `dir:` scans have none. */
  manifestDigest?: string;
  /** Digest of the index the platform manifest was chosen from, when there was one. */
  indexDigest?: string;
  configDigest?: string;
  platform?: ArtifactPlatform;
  /** Base layer first; empty for `dir:` scans. */
  layers: LayerRef[];
  /** The image config's `created` time, as the image states it (not verified). */
  created?: string;
}

export interface ArtifactPlatform {
  os: string;
  architecture: string;
  variant?: string;
}

/** The inventory's package order: type, name, version, architecture, then the rest of the key. */
export function comparePackages(a: Package, b: Package): number {
  return (
    compareText(a.type, b.type) ||
    compareText(a.name, b.name) ||
    compareText(a.version, b.version) ||
    compareText(a.arch ?? '', b.arch ?? '') ||
    (a.epoch ?? 0) - (b.epoch ?? 0) ||
    compareText(a.purl, b.purl) ||
    compareText(a.location, b.location)
  );
}

// Plain code-unit order, not localeCompare: the order must not depend on the machine's locale.
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
