import { macroVectorScores } from './v4-macro-vector-scores.js';
import {
  groupMetrics,
  highestVectors,
  levelDepths,
  levelKey,
  macroVector,
  severityLevels,
  type EffectiveMetrics,
  type EqGroup,
  type MacroVector,
} from './v4-equivalence.js';

const groups: readonly EqGroup[] = ['eq1', 'eq2', 'eq3eq6', 'eq4', 'eq5'];

/**
 * The least common multiple of every level depth (1, 2, 4, 5, 6, 7, 8, 10). Scaling by it
 * keeps the whole interpolation in integers: proportions like 3/7 never become floats, so a
 * score cannot land a hair below an x.x5 tie and round the wrong way (the reference calculator
 * adds an epsilon before rounding for the same reason).
 */
const depthScale = 840;

/** A MacroVector's score in tenths, or undefined when the table has no such MacroVector. */
function tenthsOf(eq: readonly number[]): number | undefined {
  const score = macroVectorScores[eq.join('')];
  return score === undefined ? undefined : Math.round(score * 10);
}

function withLevel(eq: MacroVector, index: number, level: number): number[] {
  return eq.map((value, i) => (i === index ? level : value));
}

/**
 * The score of the next lower MacroVector in a group's direction (specification section 8,
 * "maximal scoring difference"), in tenths; undefined when there is none.
 */
function nextLowerTenths(group: EqGroup, eq: MacroVector): number | undefined {
  switch (group) {
    case 'eq1':
      return tenthsOf(withLevel(eq, 0, eq[0] + 1));
    case 'eq2':
      return tenthsOf(withLevel(eq, 1, eq[1] + 1));
    case 'eq4':
      return tenthsOf(withLevel(eq, 3, eq[3] + 1));
    case 'eq5':
      return tenthsOf(withLevel(eq, 4, eq[4] + 1));
    case 'eq3eq6':
      return nextLowerEq3Eq6(eq);
  }
}

/**
 * EQ3 and EQ6 move together: 00 has two lower neighbours (01 and 10) and takes the higher of
 * the two; 01 and 10 both lead to 11, and 11 to 21, the bottom.
 */
function nextLowerEq3Eq6(eq: MacroVector): number | undefined {
  const [, , eq3, , , eq6] = eq;
  if (eq3 === 0 && eq6 === 0) {
    const left = tenthsOf(withLevel(eq, 5, 1));
    const right = tenthsOf(withLevel(eq, 2, 1));
    return left === undefined || right === undefined ? (left ?? right) : Math.max(left, right);
  }
  if (eq3 === 1 && eq6 === 0) {
    return tenthsOf(withLevel(eq, 5, 1));
  }
  return tenthsOf(withLevel(eq, 2, eq3 + 1));
}

function level(metric: string, value: string | undefined): number {
  const found = value === undefined ? undefined : severityLevels[metric]?.[value];
  if (found === undefined) {
    throw new Error(`no CVSS v4.0 severity level for ${metric}:${String(value)}`);
  }
  return found;
}

/**
 * The severity distance, in 0.1 steps, of the vector from the first highest vector of its
 * level that it does not exceed on any metric. The specification searches the combinations of
 * all groups' highest vectors for the first fitting one; since every metric belongs to one
 * group only, that combination is made of each group's first fitting vector, so each group is
 * searched alone.
 */
export function groupDistance(group: EqGroup, key: string, metrics: EffectiveMetrics): number {
  if (group === 'eq5') {
    return 0;
  }
  for (const highest of highestVectors[group][key] ?? []) {
    const distances = groupMetrics[group].map(
      (metric) => level(metric, metrics[metric]) - level(metric, highest[metric])
    );
    if (distances.every((distance) => distance >= 0)) {
      return distances.reduce((sum, distance) => sum + distance, 0);
    }
  }
  throw new Error(`no highest CVSS v4.0 vector of ${group} level ${key} fits the vector`);
}

/**
 * The v4.0 score of a vector's effective metrics (specification section 8): the MacroVector's
 * score less the mean, over the groups that have a lower MacroVector, of the available score
 * difference times the proportion of the level's depth the vector lies below its highest
 * vectors. Rounded half up to one decimal, computed exactly in integers.
 */
export function scoreEffectiveV4(metrics: EffectiveMetrics): number {
  const impact = ['VC', 'VI', 'VA', 'SC', 'SI', 'SA'];
  if (impact.every((metric) => metrics[metric] === 'N')) {
    return 0;
  }
  const eq = macroVector(metrics);
  const value = tenthsOf(eq);
  if (value === undefined) {
    throw new Error(`no CVSS v4.0 MacroVector ${eq.join('')}`);
  }
  // Sum of available difference x distance / depth, scaled by depthScale to stay whole.
  let scaledDecrease = 0;
  let groupsWithLower = 0;
  for (const group of groups) {
    const lower = nextLowerTenths(group, eq);
    if (lower === undefined) {
      continue;
    }
    groupsWithLower += 1;
    const key = levelKey(group, eq);
    const depth = levelDepths[group][key];
    if (depth === undefined) {
      throw new Error(`no CVSS v4.0 depth for ${group} level ${key}`);
    }
    const distance = groupDistance(group, key, metrics);
    scaledDecrease += (value - lower) * distance * (depthScale / depth);
  }
  if (groupsWithLower === 0) {
    return value / 10;
  }
  // value - scaledDecrease / (depthScale * n), rounded half up: floor((2x + d) / 2d) over d.
  const denominator = depthScale * groupsWithLower;
  const numerator = value * denominator - scaledDecrease;
  const tenths = Math.floor((2 * numerator + denominator) / (2 * denominator));
  return Math.min(Math.max(tenths, 0), 100) / 10;
}
