import { metricValue, parseMetrics, type MetricTable } from './metrics.js';

const notDefined = 'X';

/** CVSS v3.0/v3.1 metrics (the same names and values in both), base ones mandatory. */
const v3Metrics: MetricTable = {
  AV: { values: ['N', 'A', 'L', 'P'], mandatory: true },
  AC: { values: ['L', 'H'], mandatory: true },
  PR: { values: ['N', 'L', 'H'], mandatory: true },
  UI: { values: ['N', 'R'], mandatory: true },
  S: { values: ['U', 'C'], mandatory: true },
  C: { values: ['H', 'L', 'N'], mandatory: true },
  I: { values: ['H', 'L', 'N'], mandatory: true },
  A: { values: ['H', 'L', 'N'], mandatory: true },
  E: { values: [notDefined, 'U', 'P', 'F', 'H'], mandatory: false },
  RL: { values: [notDefined, 'O', 'T', 'W', 'U'], mandatory: false },
  RC: { values: [notDefined, 'U', 'R', 'C'], mandatory: false },
  CR: { values: [notDefined, 'L', 'M', 'H'], mandatory: false },
  IR: { values: [notDefined, 'L', 'M', 'H'], mandatory: false },
  AR: { values: [notDefined, 'L', 'M', 'H'], mandatory: false },
  MAV: { values: [notDefined, 'N', 'A', 'L', 'P'], mandatory: false },
  MAC: { values: [notDefined, 'L', 'H'], mandatory: false },
  MPR: { values: [notDefined, 'N', 'L', 'H'], mandatory: false },
  MUI: { values: [notDefined, 'N', 'R'], mandatory: false },
  MS: { values: [notDefined, 'U', 'C'], mandatory: false },
  MC: { values: [notDefined, 'H', 'L', 'N'], mandatory: false },
  MI: { values: [notDefined, 'H', 'L', 'N'], mandatory: false },
  MA: { values: [notDefined, 'H', 'L', 'N'], mandatory: false },
};

/** Metric weights of the v3.1 specification, section 7.4 (unchanged from v3.0). */
const weights: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

/** Privileges Required weighs more when the scope changes: the attacker gains more with it. */
const privilegesRequired: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  U: { N: 0.85, L: 0.62, H: 0.27 },
  C: { N: 0.85, L: 0.68, H: 0.5 },
};

function weight(
  table: Readonly<Record<string, Readonly<Record<string, number>>>>,
  key: string,
  value: string
): number {
  const found = table[key]?.[value];
  if (found === undefined) {
    throw new Error(`no CVSS v3 weight for ${key}:${value}`);
  }
  return found;
}

/**
 * v3.1's Roundup (specification, Appendix A): the smallest one-decimal number not below the
 * input, computed on an integer so that a result like 4.000000000000001, which the exact
 * arithmetic would make 4.0, is not pushed up to 4.1.
 */
export function roundUpV31(value: number): number {
  const intInput = Math.round(value * 100_000);
  if (intInput % 10_000 === 0) {
    return intInput / 100_000;
  }
  return (Math.floor(intInput / 10_000) + 1) / 10;
}

/**
 * v3.0's Roundup as its specification and calculator define it: a plain ceiling at one
 * decimal, floating-point error included. v3.0 scores were published with it, so a v3.0
 * vector keeps it; the two differ only where that error lands just above a tenth.
 */
export function roundUpV30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

/** Checks a v3.0 or v3.1 vector's metrics (the part after the prefix) and returns its base score. */
export function scoreV3(vector: string, body: string, version: '3.0' | '3.1'): number {
  const metrics = parseMetrics(vector, body, v3Metrics);
  const value = (name: string): number => weight(weights, name, metricValue(metrics, name));
  const scope = metricValue(metrics, 'S');
  const scopeChanged = scope === 'C';

  const iss = 1 - (1 - value('C')) * (1 - value('I')) * (1 - value('A'));
  const impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability =
    8.22 *
    value('AV') *
    value('AC') *
    weight(privilegesRequired, scope, metricValue(metrics, 'PR')) *
    value('UI');

  if (impact <= 0) {
    return 0;
  }
  const roundUp = version === '3.1' ? roundUpV31 : roundUpV30;
  const total = scopeChanged ? 1.08 * (impact + exploitability) : impact + exploitability;
  return roundUp(Math.min(total, 10));
}
