import { Enums, Models } from '@cyclonedx/cyclonedx-library';
import type { Finding, Severity } from '../../core/finding.js';
import type { SuppressedFinding, VulnerabilityReport } from '../../core/inventory.js';
import { uniqueFindings } from '../shared/unique-findings.js';
import { vulnerabilitySource } from '../shared/vulnerability-source.js';
import { webUrl } from '../shared/web-url.js';
import { clearsPackage, suppressionAnalysis } from './suppression-analysis.js';

const { Vulnerability: V } = Models;

/** Property names for what CycloneDX has no field for, under Palisade's prefix. */
export const vulnerabilityPropertyNames = {
  status: 'palisade:finding:status',
  installedVersion: 'palisade:finding:installed-version',
  fixedVersion: 'palisade:finding:fixed-version',
  suppressedBy: 'palisade:finding:suppressed-by',
  /** The day CISA's known-exploited catalog listed it, and whether ransomware uses it. */
  knownExploitedSince: 'palisade:finding:known-exploited-since',
  knownRansomwareUse: 'palisade:finding:known-ransomware-use',
  /** On a package's component: why it could not be judged. */
  unknown: 'palisade:vulnerability:unknown',
  /** On the metadata: when the advisory database was built, and from which sources. */
  databaseBuiltAt: 'palisade:database:built-at',
  databaseSource: 'palisade:database:source',
} as const;

const cvssMethods: Record<string, Enums.Vulnerability.RatingMethod> = {
  '2.0': Enums.Vulnerability.RatingMethod.CVSSv2,
  '3.0': Enums.Vulnerability.RatingMethod.CVSSv3,
  '3.1': Enums.Vulnerability.RatingMethod.CVSSv31,
  '4.0': Enums.Vulnerability.RatingMethod.CVSSv4,
};

const severities: Record<Severity, Enums.Vulnerability.Severity> = {
  critical: Enums.Vulnerability.Severity.Critical,
  high: Enums.Vulnerability.Severity.High,
  medium: Enums.Vulnerability.Severity.Medium,
  low: Enums.Vulnerability.Severity.Low,
  // CycloneDX has no "negligible"; `info` is its rating for what is not worth acting on.
  negligible: Enums.Vulnerability.Severity.Info,
  unknown: Enums.Vulnerability.Severity.Unknown,
};

/**
 * One vulnerability entry per finding (per vulnerability and package), the active findings
 * first, then the suppressed ones with their analysis. Not one entry per id with many
 * `affects`: an analysis belongs to the whole entry, and a suppression covers one package.
 * `components` maps a purl to the package's component, whose bom-ref `affects` points at.
 */
export function vulnerabilityEntries(
  report: VulnerabilityReport,
  components: ReadonlyMap<string, Models.Component>
): Models.Vulnerability.Vulnerability[] {
  const items: { finding: Finding; suppressed?: SuppressedFinding }[] = [
    ...report.findings.map((finding) => ({ finding })),
    ...report.suppressed.map((suppressed) => ({ finding: suppressed.finding, suppressed })),
  ];
  return uniqueFindings(items, (item) => item.finding).map(({ finding, suppressed }) =>
    vulnerabilityEntry(finding, suppressed, components.get(finding.package.purl))
  );
}

function vulnerabilityEntry(
  finding: Finding,
  suppressed: SuppressedFinding | undefined,
  component: Models.Component | undefined
): Models.Vulnerability.Vulnerability {
  const source = vulnerabilitySource(finding.id);
  const analysis = suppressed ? suppressionAnalysis(suppressed) : undefined;
  const entry = new V.Vulnerability({
    // Fixed, so the document is reproducible: without one the serializer makes up a random ref.
    bomRef: `palisade:vulnerability:${finding.id}:${finding.package.purl}`,
    id: finding.id,
    ...(source ? { source: new V.Source(source) } : {}),
    ...(finding.title ? { description: finding.title } : {}),
    ...(analysis ? { analysis } : {}),
  });
  for (const alias of finding.aliases) {
    entry.references.add(new V.Reference(alias, new V.Source(vulnerabilitySource(alias) ?? {})));
  }
  entry.ratings.add(
    new V.Rating({
      severity: severities[finding.severity],
      ...(finding.severitySource !== 'none'
        ? { source: new V.Source({ name: finding.severitySource }) }
        : {}),
    })
  );
  if (finding.cvss) {
    entry.ratings.add(
      new V.Rating({
        score: finding.cvss.score,
        method: cvssMethods[finding.cvss.version] ?? Enums.Vulnerability.RatingMethod.Other,
        vector: finding.cvss.vector,
      })
    );
  }
  for (const url of new Set(finding.references.map(webUrl))) {
    if (url) {
      entry.advisories.add(new V.Advisory(url));
    }
  }
  const status = clearsPackage(analysis)
    ? Enums.Vulnerability.AffectStatus.Unaffected
    : Enums.Vulnerability.AffectStatus.Affected;
  const version = component?.version ?? finding.package.version;
  entry.affects.add(
    new V.Affect(component?.bomRef ?? new Models.BomRef(finding.package.purl), {
      versions: new V.AffectedVersionRepository([new V.AffectedSingleVersion(version, { status })]),
    })
  );
  const properties: [string, string | undefined][] = [
    [vulnerabilityPropertyNames.status, finding.status],
    [vulnerabilityPropertyNames.installedVersion, finding.installedVersion],
    [vulnerabilityPropertyNames.fixedVersion, finding.fixedVersion],
    [vulnerabilityPropertyNames.suppressedBy, suppressed?.by],
    [vulnerabilityPropertyNames.knownExploitedSince, finding.knownExploited?.dateAdded],
    [
      vulnerabilityPropertyNames.knownRansomwareUse,
      finding.knownExploited ? String(finding.knownExploited.ransomware) : undefined,
    ],
  ];
  for (const [name, value] of properties) {
    if (value !== undefined) {
      entry.properties.add(new Models.Property(name, value));
    }
  }
  return entry;
}

/**
 * What the report says beside its findings: the database's age and sources on the metadata,
 * and each unknown on its package's component, so that a package left unjudged does not read
 * as a package with no vulnerabilities.
 */
export function addReportContext(
  report: VulnerabilityReport,
  metadata: Models.Metadata,
  components: ReadonlyMap<string, Models.Component>
): void {
  const names = vulnerabilityPropertyNames;
  metadata.properties.add(new Models.Property(names.databaseBuiltAt, report.database.builtAt));
  for (const source of report.database.sources) {
    metadata.properties.add(new Models.Property(names.databaseSource, source));
  }
  for (const { purl, reason } of report.unknowns) {
    components.get(purl)?.properties.add(new Models.Property(names.unknown, reason));
  }
}
