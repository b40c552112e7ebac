import { describe, expect, it } from 'vitest';
import { sampleVulnerabilities } from '../testing/sample-inventory.js';
import { uniqueFindings } from './unique-findings.js';

describe('uniqueFindings', () => {
  it('keeps the first of each vulnerability and package URL, in order', () => {
    const { findings } = sampleVulnerabilities();
    const libc = findings[1]!;
    const twin = { ...libc, package: { ...libc.package, location: 'var/lib/dpkg/status.d/libc6' } };
    const unique = uniqueFindings([...findings, twin], (finding) => finding);
    expect(unique).toEqual(findings);
    expect(unique[1]).toBe(libc);
  });

  it('keeps one vulnerability in two packages, and two vulnerabilities in one package', () => {
    const { findings } = sampleVulnerabilities();
    const libc = findings[1]!;
    const inZlib = { ...libc, package: findings[0]!.package };
    const other = { ...libc, id: 'CVE-2099-0001' };
    expect(uniqueFindings([libc, inZlib, other], (finding) => finding)).toHaveLength(3);
  });

  it('reads the finding out of wrapped items', () => {
    const { suppressed } = sampleVulnerabilities();
    const doubled = [...suppressed, ...suppressed];
    expect(uniqueFindings(doubled, (item) => item.finding)).toEqual(suppressed);
  });
});
