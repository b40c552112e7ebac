import { describe, expect, it } from 'vitest';
import { parseCvss } from './parse.js';
import { roundUpV30, roundUpV31 } from './v3.js';

/**
 * Base scores, the common ones as NVD publishes them. Every one of the 2,592 base vectors of
 * each version was also checked against an independent calculator.
 */
const v31Scores: readonly [string, number][] = [
  ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
  ['AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0],
  ['AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
  ['AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
  ['AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
  ['AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
  ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
  ['AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
  ['AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1],
  ['AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2],
  ['AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
  ['AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H', 5.5],
  ['AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
  ['AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N', 6.5],
  ['AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ['AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0.0],
  // Scope changed raises PR:L from 0.62 to 0.68 and uses the steeper impact formula.
  ['AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:N', 7.5],
  ['AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H', 9.1],
  ['AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
  ['AV:L/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L', 4.3],
];

describe('CVSS v3.1 base scores', () => {
  it.each(v31Scores)('CVSS:3.1/%s scores %d', (metrics, score) => {
    const result = parseCvss(`CVSS:3.1/${metrics}`);
    expect(result.version).toBe('3.1');
    expect(result.baseScore).toBe(score);
  });
});

describe('CVSS v3.0 base scores', () => {
  it.each(v31Scores)('CVSS:3.0/%s scores %d as in v3.1', (metrics, score) => {
    const result = parseCvss(`CVSS:3.0/${metrics}`);
    expect(result.version).toBe('3.0');
    expect(result.baseScore).toBe(score);
  });
});

describe('v3 ratings', () => {
  it.each([
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 'none'],
    ['AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 'low'],
    ['AV:L/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L', 'medium'],
    ['AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 'medium'],
    ['AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 'high'],
    ['AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 'high'],
    ['AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H', 'critical'],
    ['AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 'critical'],
  ])('%s is %s', (metrics, severity) => {
    expect(parseCvss(`CVSS:3.1/${metrics}`).severity).toBe(severity);
  });
});

describe('v3 temporal and environmental metrics', () => {
  it('validates them and scores the base only', () => {
    const vector =
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/IR:M/AR:L/MAV:L/MAC:H/MPR:L/MUI:R/MS:C/MC:L/MI:N/MA:X';
    expect(parseCvss(vector).baseScore).toBe(9.8);
    expect(parseCvss(vector)).not.toHaveProperty('adjusted');
  });

  it('accepts the metrics in any order, as v3 allows', () => {
    expect(parseCvss('CVSS:3.1/S:U/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N').baseScore).toBe(9.8);
  });
});

describe('Roundup', () => {
  it('rounds up to one decimal (the specification examples)', () => {
    expect(roundUpV31(4.02)).toBe(4.1);
    expect(roundUpV31(4.0)).toBe(4.0);
    expect(roundUpV30(4.02)).toBe(4.1);
    expect(roundUpV30(4.0)).toBe(4.0);
  });

  it('v3.1 ignores floating-point noise above a tenth; v3.0 does not', () => {
    // 4.000000000000001 is what the arithmetic gives for an exact 4.0 in some formulas.
    expect(roundUpV31(4.000000000000001)).toBe(4.0);
    expect(roundUpV30(4.000000000000001)).toBe(4.1);
    expect(roundUpV31(0.1 + 0.2)).toBe(0.3);
    expect(roundUpV30(0.1 + 0.2)).toBe(0.4);
  });

  it('v3.1 still rounds up anything past the fifth decimal', () => {
    expect(roundUpV31(4.00001)).toBe(4.1);
    expect(roundUpV31(6.999999)).toBe(7.0);
    expect(roundUpV31(9.95)).toBe(10.0);
    expect(roundUpV31(0)).toBe(0);
  });
});
