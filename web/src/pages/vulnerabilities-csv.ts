import type { Finding } from '../types.js';

/** RFC 4180 quoting, and a leading `'` on what a spreadsheet would run as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
