import type { Finding, Vulnerability } from '../types.js';

/** RFC 4180 quoting, and a leading `'` on what a spreadsheet would run as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvOf(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The vulnerabilities shown (the by-CVE view), as CSV with one header row. */
export function vulnerabilitiesCsv(vulnerabilities: readonly Vulnerability[]): string {
  const header = [
    'vulnerability',
    'severity',
    'images',
    'running workloads',
    'fix available',
    'known exploited since',
    'ransomware',
    'first seen',
  ];
  return csvOf([
    header,
    ...vulnerabilities.map((vulnerability) => [
      vulnerability.id,
      vulnerability.severity,
      String(vulnerability.images),
      String(vulnerability.workloads),
      vulnerability.fixable ? 'yes' : 'no',
      vulnerability.knownExploited?.dateAdded ?? '',
      vulnerability.knownExploited === undefined
        ? ''
        : vulnerability.knownExploited.ransomware
          ? 'known'
          : 'not known',
      vulnerability.firstSeen,
    ]),
  ]);
}

/** The findings shown, as CSV with one header row. */
export function findingsCsv(
  findings: readonly Finding[],
  imageName: (id: string) => string
): string {
  const header = [
    'vulnerability',
    'severity',
    'package',
    'version',
    'fixed in',
    'image',
    'state',
    'first seen',
  ];
  const rows = findings.map((finding) => [
    finding.vulnerabilityId,
    finding.severity,
    finding.package.name,
    finding.package.version,
    finding.fixedVersion ?? '',
    imageName(finding.imageId),
    finding.state,
    finding.firstSeen,
  ]);
  return csvOf([header, ...rows]);
}
