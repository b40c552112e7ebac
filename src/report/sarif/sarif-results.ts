import { createHash } from 'node:crypto';
import type { Finding } from '../../core/finding.js';
import type { SuppressedFinding } from '../../core/inventory.js';
import type { SarifResult } from './sarif-log.js';
import { sarifLevel } from './security-severity.js';

/** The partialFingerprints key: a name of Palisade's own, versioned as SARIF suggests. */
export const fingerprintKey = 'palisadeFinding/v1';

/**
 * One result per finding. GitHub requires a location, and an image has no source line: the
 * package database that listed the package (`var/lib/dpkg/status`) is the file that, changed,
 * makes the alert go away, so it is the location, at line 1.
 */
export function sarifResult(
  finding: Finding,
  ruleIndex: number,
  suppressed?: SuppressedFinding
): SarifResult {
  return {
    ruleId: finding.id,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: messageText(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: locationUri(finding.package.location) },
          region: { startLine: 1 },
        },
      },
    ],
    partialFingerprints: { [fingerprintKey]: fingerprint(finding) },
    // GitHub closes or hides a suppressed result; `external`: the decision lives outside the
    // scanned files (an ignore file, a VEX document, a command-line policy).
    ...(suppressed
      ? { suppressions: [{ kind: 'external', justification: suppressed.reason }] }
      : {}),
    properties: {
      purl: finding.package.purl,
      installedVersion: finding.installedVersion,
      ...(finding.fixedVersion ? { fixedVersion: finding.fixedVersion } : {}),
      status: finding.status,
      severity: finding.severity,
      ...(finding.knownExploited
        ? {
            knownExploited: true,
            knownExploitedSince: finding.knownExploited.dateAdded,
            knownRansomwareUse: finding.knownExploited.ransomware,
          }
        : {}),
      ...(finding.package.layer ? { layerDigest: finding.package.layer.digest } : {}),
      ...(suppressed ? { suppressedBy: suppressed.by } : {}),
    },
  };
}

/** `CVE-… (high severity) in libc6: installed 2.36-9+deb12u7, fixed in 2.36-9+deb12u9.` */
function messageText(finding: Finding): string {
  const fix = finding.fixedVersion
    ? `fixed in ${finding.fixedVersion}`
    : `no fixed version (${finding.status})`;
  return `${finding.id} (${finding.severity} severity) in ${finding.package.name}: installed ${finding.installedVersion}, ${fix}.`;
}

/**
 * Stable across runs and versions: the vulnerability and the exact package (the purl names
 * its version), so the same finding in the next scan is the same alert, and an upgraded
 * package that is still affected is a new one.
 */
function fingerprint(finding: Finding): string {
  return createHash('sha256').update(`${finding.id}\u0000${finding.package.purl}`).digest('hex');
}

// The image path as a relative URI: each segment escaped (a `:` or `%` in a file name must
// not read as a scheme or an escape), never absolute, never climbing out with `..`, and never
// empty (GitHub refuses a result without a file; every package has a database path, so the
// fallback is for a malformed inventory only).
function locationUri(location: string): string {
  const segments = location.split('/').filter((segment) => !['', '.', '..'].includes(segment));
  return segments.length > 0 ? segments.map(encodeURIComponent).join('/') : 'image';
}
