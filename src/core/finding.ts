import type { Package } from './package.js';

/** Where a vulnerability stands for the installed package, as the advisory says. */
export type FindingStatus =
  'fixed' | 'affected' | 'will-not-fix' | 'end-of-life' | 'under-investigation';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';

/** Severities from worst to mildest, for sorting and thresholds. */
export const severityOrder: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'negligible',
  'unknown',
];

/**
 * Known to be exploited in the wild, as CISA's Known Exploited Vulnerabilities catalog says:
 * the day the catalog listed it, and whether it is known to be used in ransomware campaigns.
 */
export interface KnownExploited {
  /** `YYYY-MM-DD`. */
  dateAdded: string;
  ransomware: boolean;
  /** The remediation deadline the catalog sets for US federal agencies, `YYYY-MM-DD`. */
  dueDate?: string;
}

/**
 * One vulnerability in one installed package. Advisories that name the same vulnerability
 * (a DSA and the CVE it fixes, a GHSA and its CVE) become one finding, not one per alias.
 */
export interface Finding {
  /** The vulnerability's name: its CVE when it has one, else the advisory id. */
  id: string;
  /** Every other name it goes by, sorted. */
  aliases: string[];
  /** The advisories that said so, sorted. */
  advisories: string[];
  package: Pick<Package, 'type' | 'name' | 'version' | 'purl' | 'location' | 'layer'>;
  /** The version compared: the source package's for OS packages, whose advisories name sources. */
  installedVersion: string;
  /** The lowest version the advisories say fixes it, when there is one. */
  fixedVersion?: string;
  status: FindingStatus;
  severity: Severity;
  /** Who rated it: the distribution (`debian`, `amazon linux`…), `cvss-v3.1` and the like, or `none`. */
  severitySource: string;
  /** The CVSS base score the advisories give, newest CVSS version first, when they give one. */
  cvss?: { version: string; vector: string; score: number };
  title?: string;
  references: string[];
  /** Present when the vulnerability (by its id or an alias) is in the known-exploited catalog. */
  knownExploited?: KnownExploited;
}
