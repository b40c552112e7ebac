import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import { applyPolicy } from './apply-policy.js';
import { parseIgnoreYaml } from './ignore-yaml.js';
import { parseOpenVex } from './openvex.js';
import { sampleFinding } from './testing/sample-finding.js';
import { vexJson } from './testing/sample-vex.js';
import { parseTrivyIgnore } from './trivy-ignore.js';

const now = new Date('2025-01-15T12:00:00Z');

const critical = sampleFinding({ id: 'CVE-2024-0001', aliases: [], severity: 'critical' });
const unfixed = sampleFinding({
  id: 'CVE-2024-0002',
  aliases: [],
  severity: 'high',
  fixedVersion: undefined,
  status: 'will-not-fix',
});
const low = sampleFinding({ id: 'CVE-2024-0003', aliases: [], severity: 'low' });
const unrated = sampleFinding({ id: 'CVE-2024-0004', aliases: [], severity: 'unknown' });
const all = [critical, unfixed, low, unrated];

const ids = (findings: Finding[]) => findings.map((finding) => finding.id);

describe('applyPolicy', () => {
  it('keeps everything, in order, under an empty policy', () => {
    expect(applyPolicy(all, { now })).toEqual({ findings: all, suppressed: [], expired: [] });
  });

  it('sets aside findings without a fixed version under ignoreUnfixed, saying the status', () => {
    const statuses = (
      ['affected', 'will-not-fix', 'end-of-life', 'under-investigation'] as const
    ).map((status) => sampleFinding({ status, fixedVersion: undefined }));
    const result = applyPolicy([critical, ...statuses], { now, ignoreUnfixed: true });
    expect(result.findings).toEqual([critical]);
    expect(result.suppressed.map(({ by, reason }) => ({ by, reason }))).toEqual([
      { by: 'ignore-unfixed', reason: 'no fix available (status affected)' },
      { by: 'ignore-unfixed', reason: 'no fix available (status will-not-fix)' },
      { by: 'ignore-unfixed', reason: 'no fix available (status end-of-life)' },
      { by: 'ignore-unfixed', reason: 'no fix available (status under-investigation)' },
    ]);
  });

  it('sets aside findings below minSeverity, and unknown below any known severity', () => {
    const result = applyPolicy(all, { now, minSeverity: 'high' });
    expect(ids(result.findings)).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
    expect(result.suppressed).toEqual([
      { finding: low, by: 'severity', reason: 'severity low is below the minimum, high' },
      { finding: unrated, by: 'severity', reason: 'severity unknown is below the minimum, high' },
    ]);
    expect(ids(applyPolicy(all, { now, minSeverity: 'negligible' }).findings)).toEqual([
      'CVE-2024-0001',
      'CVE-2024-0002',
      'CVE-2024-0003',
    ]);
  });

  it('keeps unknown severity when minSeverity is unknown or unset', () => {
    expect(applyPolicy(all, { now, minSeverity: 'unknown' }).findings).toEqual(all);
    expect(applyPolicy(all, { now }).findings).toEqual(all);
  });

  it('sets aside findings an ignore file names, with the entry reason', () => {
    const ignore = parseIgnoreYaml(
      '- { id: CVE-2024-0003, reason: only in tests }\n',
      '.palisadeignore.yaml'
    );
    const result = applyPolicy(all, { now, ignore });
    expect(result.suppressed).toEqual([
      { finding: low, by: 'ignore-file', reason: 'only in tests' },
    ]);
  });

  it('reads a .trivyignore as well, with the file as the reason', () => {
    const ignore = parseTrivyIgnore('CVE-2024-0001\n', '.trivyignore');
    expect(applyPolicy(all, { now, ignore }).suppressed).toEqual([
      { finding: critical, by: 'ignore-file', reason: 'listed in .trivyignore' },
    ]);
  });

  it('applies an unexpired entry, skips an expired one and warns about it', () => {
    const ignore = parseIgnoreYaml(
      [
        '- { id: CVE-2024-0001, expires: 2025-01-14, reason: lapsed }',
        '- { id: CVE-2024-0003, expires: 2025-02-01, reason: accepted for now }',
      ].join('\n'),
      '.palisadeignore.yaml'
    );
    const result = applyPolicy(all, { now, ignore });
    expect(ids(result.suppressed.map(({ finding }) => finding))).toEqual(['CVE-2024-0003']);
    expect(result.expired).toEqual([
      'ignore entry 1 for CVE-2024-0001 expired on 2025-01-14 (.palisadeignore.yaml, line 1)',
    ]);
    const later = applyPolicy(all, { now: new Date('2025-02-01T00:00:00Z'), ignore });
    expect(later.suppressed).toEqual([]);
    expect(later.expired).toHaveLength(2);
  });

  it('sets aside findings a VEX statement clears', () => {
    const vex = parseOpenVex(
      vexJson([
        {
          vulnerability: { name: 'CVE-2024-0001' },
          products: [{ '@id': 'pkg:deb/debian/openssl' }],
          status: 'not_affected',
          justification: 'component_not_present',
        },
      ]),
      'vex.json'
    );
    expect(applyPolicy(all, { now, vex: [vex] }).suppressed).toEqual([
      {
        finding: critical,
        by: 'vex',
        reason: 'not_affected (component_not_present); VEX vex.json statements[0]',
      },
    ]);
  });

  describe('precedence: vex > ignore-file > ignore-unfixed > severity', () => {
    // One finding every rule would set aside: unfixed, low, ignored and cleared by VEX.
    const target = sampleFinding({
      id: 'CVE-2024-0009',
      aliases: [],
      severity: 'low',
      fixedVersion: undefined,
      status: 'affected',
    });
    const ignore = parseIgnoreYaml('- { id: CVE-2024-0009, reason: accepted }', 'i.yaml');
    const vex = parseOpenVex(
      vexJson([
        {
          vulnerability: 'CVE-2024-0009',
          products: ['pkg:deb/debian/openssl'],
          status: 'fixed',
        },
      ]),
      'vex.json'
    );
    const byOf = (policy: Parameters<typeof applyPolicy>[1]) =>
      applyPolicy([target], policy).suppressed.map(({ by }) => by);

    it('records vex first', () => {
      expect(byOf({ now, vex: [vex], ignore, ignoreUnfixed: true, minSeverity: 'high' })).toEqual([
        'vex',
      ]);
    });

    it('records the ignore file when no VEX statement applies', () => {
      expect(byOf({ now, ignore, ignoreUnfixed: true, minSeverity: 'high' })).toEqual([
        'ignore-file',
      ]);
    });

    it('records ignore-unfixed before severity', () => {
      expect(byOf({ now, ignoreUnfixed: true, minSeverity: 'high' })).toEqual(['ignore-unfixed']);
    });

    it('records severity last', () => {
      expect(byOf({ now, minSeverity: 'high' })).toEqual(['severity']);
    });

    it('lets the other rules decide when a VEX statement keeps the finding', () => {
      const affected = parseOpenVex(
        vexJson([
          {
            vulnerability: 'CVE-2024-0009',
            products: ['pkg:deb/debian/openssl'],
            status: 'affected',
          },
        ]),
        'vex.json'
      );
      expect(byOf({ now, vex: [affected], ignore })).toEqual(['ignore-file']);
      expect(byOf({ now, vex: [affected] })).toEqual([]);
    });
  });
});
