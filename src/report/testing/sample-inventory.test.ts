import { describe, expect, it } from 'vitest';
import type { OsInfo } from '../../core/os.js';
import { severityOrder } from '../../core/finding.js';
import { packagePurl } from '../../core/purl.js';
import { sampleInventory, sampleVulnerabilities } from './sample-inventory.js';

describe('sample inventory', () => {
  it('spells every purl the way core/purl.ts does for the package’s home distribution', () => {
    const debian = sampleInventory().os!;
    const home: Record<string, OsInfo> = {
      deb: debian,
      apk: { ...debian, id: 'alpine', versionId: '3.20.3' },
      rpm: { ...debian, id: 'rhel', versionId: '9.4' },
    };
    for (const pkg of sampleInventory().packages) {
      expect(pkg.purl).toBe(packagePurl(pkg, home[pkg.type]));
    }
    expect(sampleInventory().packages.map((pkg) => pkg.type)).toContain('maven');
  });

  it('has a vulnerability report about its own packages, worst first, as the matcher writes it', () => {
    const { packages } = sampleInventory();
    const report = sampleVulnerabilities();
    const all = [...report.findings, ...report.suppressed.map((item) => item.finding)];
    for (const finding of all) {
      const pkg = packages.find((candidate) => candidate.purl === finding.package.purl);
      const { type, name, version, purl, location, layer } = pkg!;
      expect(finding.package).toEqual({ type, name, version, purl, location, layer });
    }
    const ranks = report.findings.map((finding) => severityOrder.indexOf(finding.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(report.findings.filter((finding) => !finding.fixedVersion)).toHaveLength(1);
    expect(report.suppressed.map((item) => item.by)).toEqual(['ignore-file']);
    const judged = new Set(all.map((finding) => finding.package.purl));
    for (const { purl } of report.unknowns) {
      expect(packages.map((pkg) => pkg.purl)).toContain(purl);
      expect(judged.has(purl), 'an unknown package has no findings').toBe(false);
    }
  });
});
