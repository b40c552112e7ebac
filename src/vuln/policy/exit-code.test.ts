import { describe, expect, it } from 'vitest';
import type { Severity } from '../../core/finding.js';
import { exitCodeFor } from './exit-code.js';
import { sampleFinding } from './testing/sample-finding.js';

const findings = (...severities: Severity[]) =>
  severities.map((severity) => sampleFinding({ severity }));

describe('exitCodeFor', () => {
  it('is 0 with no findings, whatever the threshold', () => {
    expect(exitCodeFor([])).toBe(0);
    expect(exitCodeFor([], 'unknown')).toBe(0);
  });

  it('is 1 for any finding when there is no threshold, unknown included', () => {
    expect(exitCodeFor(findings('unknown'))).toBe(1);
    expect(exitCodeFor(findings('negligible'))).toBe(1);
  });

  it('is 1 when a finding is at or above the threshold', () => {
    expect(exitCodeFor(findings('low', 'high'), 'high')).toBe(1);
    expect(exitCodeFor(findings('critical'), 'high')).toBe(1);
    expect(exitCodeFor(findings('low', 'medium'), 'high')).toBe(0);
  });

  it('never fails on unknown severity unless the threshold is unknown', () => {
    expect(exitCodeFor(findings('unknown'), 'negligible')).toBe(0);
    expect(exitCodeFor(findings('unknown'), 'critical')).toBe(0);
    expect(exitCodeFor(findings('unknown'), 'unknown')).toBe(1);
    expect(exitCodeFor(findings('negligible'), 'unknown')).toBe(1);
  });
});
