import { describe, expect, it } from 'vitest';
import { parseCvss } from './parse.js';
import {
  groupMetrics,
  highestVectors,
  levelDepths,
  levelKey,
  macroVector,
  severityLevels,
  type EffectiveMetrics,
  type EqGroup,
} from './v4-equivalence.js';
import { macroVectorScores } from './v4-macro-vector-scores.js';
import { groupDistance } from './v4-score.js';

/**
 * CVSS-B scores from FIRST's v4.0 calculator: the specification's and the examples document's
 * vectors, and vectors from a test set generated with that calculator. All 104,976 base vectors
 * were also checked against an independent implementation.
 */
const baseScores: readonly [string, number][] = [
  ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
  ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
  ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0],
  ['AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
  ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L', 9.2],
  ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:N/SA:L', 7.8],
  ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N', 6.9],
  ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H', 7.9],
  ['AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.6],
  ['AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:H/SI:N/SA:N', 8.3],
  ['AV:N/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:L/SC:L/SI:L/SA:L', 7.0],
  ['AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N', 4.8],
  ['AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N', 2.1],
  ['AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N', 1.8],
  ['AV:N/AC:H/AT:N/PR:L/UI:A/VC:N/VI:L/VA:L/SC:H/SI:H/SA:L', 5.0],
  ['AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N', 4.0],
  ['AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:L/SA:N', 9.5],
  ['AV:P/AC:H/AT:N/PR:L/UI:A/VC:L/VI:L/VA:H/SC:H/SI:H/SA:N', 5.9],
  ['AV:P/AC:H/AT:N/PR:L/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:L', 1.0],
  ['AV:P/AC:H/AT:N/PR:H/UI:P/VC:H/VI:H/VA:N/SC:L/SI:H/SA:N', 6.8],
  ['AV:P/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:H/SI:H/SA:H', 7.2],
  ['AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:N/VA:L/SC:N/SI:N/SA:N', 4.3],
  ['AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:H/VA:N/SC:H/SI:H/SA:N', 5.8],
  ['AV:P/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0],
];

describe('CVSS v4.0 base scores (CVSS-B)', () => {
  it.each(baseScores)('CVSS:4.0/%s scores %d', (metrics, score) => {
    const result = parseCvss(`CVSS:4.0/${metrics}`);
    expect(result.version).toBe('4.0');
    expect(result.baseScore).toBe(score);
    expect(result).not.toHaveProperty('adjusted');
  });

  it('rounds an exact x.x5 half up, as FIRST calculator does since its rounding fix', () => {
    // 8.6 less (8.6 - 7.6) x 2/8 over 5 groups: exactly 8.55, which plain floating-point
    // arithmetic puts at 8.549999… and rounds down.
    const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H';
    expect(parseCvss(vector).baseScore).toBe(8.6);
  });

  it.each([
    ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'critical'],
    ['AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'high'],
    ['AV:N/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:L/SC:L/SI:L/SA:L', 'high'],
    ['AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:H', 'medium'],
    ['AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N', 'medium'],
    ['AV:P/AC:H/AT:N/PR:L/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:L', 'low'],
    ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 'none'],
  ])('CVSS:4.0/%s is %s', (metrics, severity) => {
    expect(parseCvss(`CVSS:4.0/${metrics}`).severity).toBe(severity);
  });
});

const critical = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

describe('CVSS v4.0 threat and environmental metrics', () => {
  it.each([
    [`${critical}/E:U`, 'CVSS-BT', 8.1],
    [`${critical}/E:P`, 'CVSS-BT', 8.9],
    [`${critical}/E:A`, 'CVSS-BT', 9.3],
    [`${critical}/E:U/CR:L/IR:L/AR:L`, 'CVSS-BTE', 6.5],
    [`${critical}/MVC:N/MVI:N/MVA:N`, 'CVSS-BE', 0],
    [`${critical}/MSI:S/MSA:S`, 'CVSS-BE', 10],
    [
      'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/IR:L/AR:L/MAV:P',
      'CVSS-BTE',
      1.9,
    ],
    // From a test set generated with FIRST's calculator: security requirements alone.
    [
      'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:H/IR:H/AR:H',
      'CVSS-BE',
      7.3,
    ],
    [
      'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:H/IR:M/AR:L',
      'CVSS-BE',
      7.1,
    ],
    [
      'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:M/IR:M/AR:M',
      'CVSS-BE',
      5.5,
    ],
    [
      'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L',
      'CVSS-BE',
      5.4,
    ],
  ])('%s: %s %d, base score unchanged', (vector, nomenclature, score) => {
    const result = parseCvss(vector);
    expect(result.adjusted).toEqual(expect.objectContaining({ nomenclature, score }));
    const base = vector.split('/').slice(0, 12).join('/');
    expect(result.baseScore).toBe(parseCvss(base).baseScore);
  });

  it('gives safety impact a score even when every base impact is None', () => {
    const result = parseCvss(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:S'
    );
    expect(result.baseScore).toBe(0);
    expect(result.adjusted).toEqual({ nomenclature: 'CVSS-BE', score: 8.9, severity: 'high' });
  });

  it('reports no adjusted score when every threat and environmental metric is X', () => {
    const result = parseCvss(`${critical}/E:X/CR:X/IR:X/AR:X/MAV:X/MSI:X`);
    expect(result.baseScore).toBe(9.3);
    expect(result).not.toHaveProperty('adjusted');
  });

  it('accepts supplemental metrics, which never change the score', () => {
    const result = parseCvss(`${critical}/S:P/AU:Y/R:I/V:C/RE:H/U:Red`);
    expect(result.baseScore).toBe(9.3);
    expect(result).not.toHaveProperty('adjusted');
    expect(parseCvss(`${critical}/U:Clear`).baseScore).toBe(9.3);
  });

  it('accepts the metrics in any order', () => {
    const shuffled = 'CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/E:U';
    expect(parseCvss(shuffled).baseScore).toBe(9.3);
    expect(parseCvss(shuffled).adjusted?.score).toBe(8.1);
  });
});

/** Every combination of the given metrics' effective values. */
function combinations(metrics: readonly string[]): Record<string, string>[] {
  return metrics.reduce<Record<string, string>[]>(
    (partial, metric) =>
      partial.flatMap((combination) =>
        Object.keys(severityLevels[metric] ?? {}).map((value) => ({
          ...combination,
          [metric]: value,
        }))
      ),
    [{}]
  );
}

const worstCase: EffectiveMetrics = {
  AV: 'N',
  AC: 'L',
  AT: 'N',
  PR: 'N',
  UI: 'N',
  VC: 'H',
  VI: 'H',
  VA: 'H',
  SC: 'H',
  SI: 'H',
  SA: 'H',
  E: 'A',
  CR: 'H',
  IR: 'H',
  AR: 'H',
};

describe('CVSS v4.0 data', () => {
  it('has 270 MacroVector scores, each of six level digits, from 0.1 to 10', () => {
    const entries = Object.entries(macroVectorScores);
    expect(entries).toHaveLength(270);
    for (const [key, score] of entries) {
      expect(key).toMatch(/^[0-2][01][0-2][0-2][0-2][01]$/);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(10);
    }
  });

  it('never scores a next lower MacroVector above the MacroVector itself', () => {
    for (const [key, score] of Object.entries(macroVectorScores)) {
      for (let index = 0; index < 6; index++) {
        const digits = Array.from({ length: 6 }, (_, i) => Number(key.charAt(i)));
        digits[index] = (digits[index] ?? 0) + 1;
        const lower = macroVectorScores[digits.join('')];
        if (lower !== undefined) {
          expect(lower, `${digits.join('')} below ${key}`).toBeLessThanOrEqual(score);
        }
      }
    }
  });

  const eqGroups: readonly EqGroup[] = ['eq1', 'eq2', 'eq3eq6', 'eq4'];
  it.each(eqGroups)(
    '%s: every vector fits under a highest vector of its level, at most depth - 1 below it',
    (group) => {
      const deepest: Record<string, number> = {};
      for (const combination of combinations(groupMetrics[group])) {
        const metrics = { ...worstCase, ...combination };
        const key = levelKey(group, macroVector(metrics));
        expect(highestVectors[group][key], `${group} level ${key}`).toBeDefined();
        const distance = groupDistance(group, key, metrics);
        deepest[key] = Math.max(deepest[key] ?? 0, distance);
      }
      const depthsLessOne = Object.fromEntries(
        Object.entries(levelDepths[group]).map(([key, depth]) => [key, depth - 1])
      );
      expect(deepest).toEqual(depthsLessOne);
    }
  );
});
