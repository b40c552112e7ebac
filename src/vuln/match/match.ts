import type { Finding, FindingStatus, Severity } from '../../core/finding.js';
import { severityOrder } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import { severityFromCvss, type CvssRating } from '../cvss/index.js';
import { fixedVersions, isAffected } from '../osv/affected.js';
import { schemeForEcosystem } from '../version/index.js';
import { InvalidVersionError, type VersionScheme } from '../version/types.js';
import { osLookupKey, type LookupKey } from './os-key.js';
import { vendorSeverity } from './severity.js';
import type { AdvisoryLookup, AffectedHit as Hit } from './types.js';

export interface MatchResult {
  findings: Finding[];
  /** Packages that could not be judged, and why: an unknown is reported, never a pass. */
  unknowns: { purl: string; reason: string }[];
}

/**
 * Matches an inventory's packages: OS packages against their distribution's own advisories,
 * language packages against their ecosystem's. OSes without a known feed are left alone.
 */
export function matchInventory(inventory: Inventory, lookup: AdvisoryLookup): MatchResult {
  // Binaries of one source package (libc6, libc-bin → glibc) share their advisories: one
  // lookup per source, not per binary.
  const entries = new Map<string, Hit[]>();
  const entriesFor = (key: LookupKey): Hit[] => {
    const id = `${key.ecosystem}\0${key.release}\0${key.name}`;
    let hits = entries.get(id);
    if (!hits) {
      hits = lookup.affectedEntries(key.ecosystem, key.release, key.name);
      entries.set(id, hits);
    }
    return hits;
  };
  const findings: Finding[] = [];
  const unknowns: MatchResult['unknowns'] = [];
  for (const pkg of inventory.packages) {
    const key = osLookupKey(pkg, inventory.os);
    const scheme = key ? schemeForEcosystem(key.ecosystem) : undefined;
    if (!key || !scheme) {
      continue;
    }
    try {
      const hits = entriesFor(key).filter(({ entry }) => isAffected(key.version, entry, scheme));
      findings.push(...groupHits(pkg, key, hits, scheme));
    } catch (error) {
      if (!(error instanceof InvalidVersionError)) {
        throw error;
      }
      unknowns.push({ purl: pkg.purl, reason: error.message });
    }
  }
  findings.sort(compareFindings);
  return { findings, unknowns };
}

/** Advisories that share any name (a DSA and its CVE) describe one vulnerability. */
function groupHits(pkg: Package, key: LookupKey, hits: Hit[], scheme: VersionScheme): Finding[] {
  const groups: { names: Set<string>; hits: Hit[] }[] = [];
  for (const hit of hits) {
    const names = new Set([hit.advisoryId, ...hit.advisory.aliases]);
    const joined = groups.filter((group) => [...names].some((name) => group.names.has(name)));
    const merged = { names, hits: [hit] };
    for (const group of joined) {
      group.names.forEach((name) => merged.names.add(name));
      merged.hits.push(...group.hits);
      groups.splice(groups.indexOf(group), 1);
    }
    groups.push(merged);
  }
  return groups.map((group) => toFinding(pkg, key, group, scheme));
}

function toFinding(
  pkg: Package,
  key: LookupKey,
  group: { names: Set<string>; hits: Hit[] },
  scheme: VersionScheme
): Finding {
  const names = [...group.names].sort(compareText);
  const id =
    names.find((name) => name.startsWith('CVE-')) ?? group.hits[0]?.advisoryId ?? names[0] ?? '';
  const fixes = group.hits
    .flatMap((hit) => fixedVersions(hit.entry))
    .filter((fix) => scheme.compare(fix, key.version) > 0);
  fixes.sort((a, b) => scheme.compare(a, b));
  const fixedVersion = fixes[0];
  const rated = group.hits
    .map((hit) =>
      vendorSeverity(
        hit.entry.database_specific?.['severity'] ?? hit.entry.database_specific?.['urgency']
      )
    )
    .filter((severity): severity is Severity => severity !== undefined);
  const cvss = severityFromCvss(group.hits.flatMap((hit) => hit.advisory.cvss));
  const finding: Finding = {
    id,
    // The names the advisories give the vulnerability; their own ids are in `advisories`.
    aliases: [...new Set(group.hits.flatMap((hit) => hit.advisory.aliases))]
      .filter((name) => name !== id)
      .sort(compareText),
    advisories: group.hits.map((hit) => hit.advisoryId).sort(compareText),
    package: {
      type: pkg.type,
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      location: pkg.location,
      ...(pkg.layer ? { layer: pkg.layer } : {}),
    },
    installedVersion: key.version,
    status: fixedVersion ? 'fixed' : statusOf(group.hits),
    ...severityOf(rated, cvss, key),
    references: [...new Set(group.hits.flatMap((hit) => hit.advisory.references))],
  };
  const title = group.hits.find((hit) => hit.advisory.summary)?.advisory.summary;
  if (title) {
    finding.title = title;
  }
  if (fixedVersion) {
    finding.fixedVersion = fixedVersion;
  }
  if (cvss) {
    finding.cvss = { version: cvss.version, vector: cvss.vector, score: cvss.score };
  }
  return finding;
}

const statuses: Record<string, FindingStatus> = {
  'end-of-life': 'end-of-life',
  'will-not-fix': 'will-not-fix',
  'under-investigation': 'under-investigation',
};

function statusOf(hits: readonly Hit[]): FindingStatus {
  for (const hit of hits) {
    const status = hit.entry.database_specific?.['status'];
    if (typeof status === 'string' && status in statuses) {
      return statuses[status] ?? 'affected';
    }
  }
  return 'affected';
}

const cvssSeverities: Record<CvssRating['severity'], Severity> = {
  none: 'negligible',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/** The distribution's own rating first (it knows its build), then the advisory's CVSS score. */
function severityOf(
  rated: readonly Severity[],
  cvss: CvssRating | undefined,
  key: LookupKey
): Pick<Finding, 'severity' | 'severitySource'> {
  if (rated.length > 0) {
    return { severity: worst(rated), severitySource: key.ecosystem.toLowerCase() };
  }
  if (cvss) {
    return { severity: cvssSeverities[cvss.severity], severitySource: `cvss-v${cvss.version}` };
  }
  return { severity: 'unknown', severitySource: 'none' };
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function worst(severities: readonly Severity[]): Severity {
  return severityOrder.find((severity) => severities.includes(severity)) ?? 'unknown';
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity) ||
    compareText(a.package.name, b.package.name) ||
    compareText(a.id, b.id)
  );
}
