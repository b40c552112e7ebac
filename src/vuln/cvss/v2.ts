import { metricValue, parseMetrics, type MetricTable } from './metrics.js';

/** CVSS v2.0 metrics (the v2 guide, section 2), base ones mandatory. */
const v2Metrics: MetricTable = {
  AV: { values: ['L', 'A', 'N'], mandatory: true },
  AC: { values: ['H', 'M', 'L'], mandatory: true },
  Au: { values: ['M', 'S', 'N'], mandatory: true },
  C: { values: ['N', 'P', 'C'], mandatory: true },
  I: { values: ['N', 'P', 'C'], mandatory: true },
  A: { values: ['N', 'P', 'C'], mandatory: true },
  E: { values: ['U', 'POC', 'F', 'H', 'ND'], mandatory: false },
  RL: { values: ['OF', 'TF', 'W', 'U', 'ND'], mandatory: false },
  RC: { values: ['UC', 'UR', 'C', 'ND'], mandatory: false },
  CDP: { values: ['N', 'L', 'LM', 'MH', 'H', 'ND'], mandatory: false },
  TD: { values: ['N', 'L', 'M', 'H', 'ND'], mandatory: false },
  CR: { values: ['L', 'M', 'H', 'ND'], mandatory: false },
  IR: { values: ['L', 'M', 'H', 'ND'], mandatory: false },
  AR: { values: ['L', 'M', 'H', 'ND'], mandatory: false },
};

/** The v2 guide's base equation weights (section 3.2.1). */
const weights: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { L: 0.395, A: 0.646, N: 1.0 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  I: { N: 0, P: 0.275, C: 0.66 },
  A: { N: 0, P: 0.275, C: 0.66 },
};

function weight(metrics: ReadonlyMap<string, string>, name: string): number {
  const value = weights[name]?.[metricValue(metrics, name)];
  if (value === undefined) {
    throw new Error(`no CVSS v2 weight for ${name}`);
  }
  return value;
}

/**
 * "Round to one decimal", half up. The equation's floating-point result can sit a hair below
 * a .x5 tie that the exact arithmetic would reach, so it is first rounded to 5 decimals, the
 * same guard v3.1's Roundup uses.
 */
function roundToOneDecimal(value: number): number {
  const hundredThousandths = Math.round(value * 100_000);
  return Math.round(hundredThousandths / 10_000) / 10;
}

/** Checks a v2 vector (no prefix) and returns its base score. */
export function scoreV2(vector: string, body: string): number {
  const metrics = parseMetrics(vector, body, v2Metrics);
  const impact =
    10.41 *
    (1 - (1 - weight(metrics, 'C')) * (1 - weight(metrics, 'I')) * (1 - weight(metrics, 'A')));
  const exploitability = 20 * weight(metrics, 'AV') * weight(metrics, 'AC') * weight(metrics, 'Au');
  const fImpact = impact === 0 ? 0 : 1.176;
  const score = roundToOneDecimal((0.6 * impact + 0.4 * exploitability - 1.5) * fImpact);
  // A zero impact gives -0 (the -1.5 times 0); the score is plain 0.
  return score === 0 ? 0 : score;
}
