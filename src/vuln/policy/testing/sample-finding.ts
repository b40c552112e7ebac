import type { Finding } from '../../../core/finding.js';

/**
 * A finding for policy tests: openssl 3.0.11 on Debian 12 with CVE-2023-5678, high, fixed in
 * 3.0.13. Tests override only what they are about.
 */
export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'CVE-2023-5678',
    aliases: ['DSA-5585-1'],
    advisories: ['DSA-5585-1'],
    package: {
      type: 'deb',
      name: 'openssl',
      version: '3.0.11-1~deb12u2',
      purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12',
      location: 'var/lib/dpkg/status',
    },
    installedVersion: '3.0.11-1~deb12u2',
    fixedVersion: '3.0.13-1~deb12u1',
    status: 'fixed',
    severity: 'high',
    severitySource: 'debian',
    references: [],
    ...overrides,
  };
}

/** The sample finding in another package, named by its purl. */
export function findingIn(purl: string, overrides: Partial<Finding> = {}): Finding {
  const base = sampleFinding(overrides);
  return { ...base, package: { ...base.package, purl } };
}
