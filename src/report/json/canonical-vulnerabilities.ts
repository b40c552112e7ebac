import type { Finding } from '../../core/finding.js';
import type { SuppressedFinding, VulnerabilityReport } from '../../core/inventory.js';
import type { LayerRef } from '../../core/package.js';

/** The vulnerability report with its keys in the documented order, as `canonicalInventory` does. */
export function canonicalVulnerabilities(report: VulnerabilityReport): VulnerabilityReport {
  return {
    database: { builtAt: report.database.builtAt, sources: [...report.database.sources] },
    findings: report.findings.map(canonicalFinding),
    suppressed: report.suppressed.map(canonicalSuppressed),
    unknowns: report.unknowns.map(({ purl, reason }) => ({ purl, reason })),
  };
}

function canonicalSuppressed(item: SuppressedFinding): SuppressedFinding {
  return { finding: canonicalFinding(item.finding), by: item.by, reason: item.reason };
}

function canonicalFinding(finding: Finding): Finding {
  const pkg = finding.package;
  return withoutUndefined({
    id: finding.id,
    aliases: [...finding.aliases],
    advisories: [...finding.advisories],
    package: withoutUndefined({
      type: pkg.type,
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      location: pkg.location,
      layer: pkg.layer ? canonicalLayer(pkg.layer) : undefined,
    }),
    installedVersion: finding.installedVersion,
    fixedVersion: finding.fixedVersion,
    status: finding.status,
    severity: finding.severity,
    severitySource: finding.severitySource,
    cvss: finding.cvss
      ? { version: finding.cvss.version, vector: finding.cvss.vector, score: finding.cvss.score }
      : undefined,
    title: finding.title,
    references: [...finding.references],
    knownExploited: finding.knownExploited
      ? withoutUndefined({
          dateAdded: finding.knownExploited.dateAdded,
          ransomware: finding.knownExploited.ransomware,
          dueDate: finding.knownExploited.dueDate,
        })
      : undefined,
  });
}

function canonicalLayer(layer: LayerRef): LayerRef {
  return { index: layer.index, digest: layer.digest, diffId: layer.diffId };
}

// JSON.stringify would drop these too; dropping them here keeps the copy deep-equal to a parse.
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
