/**
 * The CVSS v4.0 equivalence sets (specification section 8): how a vector falls into a
 * MacroVector, the highest-severity vectors of each level, and how deep each level is. All of
 * it works on effective values: modified metrics already applied and `X` already resolved.
 */

/** A metric name (AV, SC, CR…) to its effective value. */
export type EffectiveMetrics = Readonly<Record<string, string>>;

/** The six EQ levels of a vector, EQ1 first. */
export type MacroVector = readonly [number, number, number, number, number, number];

function is(metrics: EffectiveMetrics, name: string, value: string): boolean {
  return metrics[name] === value;
}

/** The equivalence-set formulas of the specification's EQ1 to EQ6 table. */
export function macroVector(m: EffectiveMetrics): MacroVector {
  const networkPrivilegeOrInteraction = is(m, 'AV', 'N') || is(m, 'PR', 'N') || is(m, 'UI', 'N');
  let eq1 = 2;
  if (is(m, 'AV', 'N') && is(m, 'PR', 'N') && is(m, 'UI', 'N')) {
    eq1 = 0;
  } else if (networkPrivilegeOrInteraction && !is(m, 'AV', 'P')) {
    eq1 = 1;
  }
  const eq2 = is(m, 'AC', 'L') && is(m, 'AT', 'N') ? 0 : 1;
  let eq3 = 2;
  if (is(m, 'VC', 'H') && is(m, 'VI', 'H')) {
    eq3 = 0;
  } else if (is(m, 'VC', 'H') || is(m, 'VI', 'H') || is(m, 'VA', 'H')) {
    eq3 = 1;
  }
  let eq4 = 2;
  if (is(m, 'SI', 'S') || is(m, 'SA', 'S')) {
    eq4 = 0;
  } else if (is(m, 'SC', 'H') || is(m, 'SI', 'H') || is(m, 'SA', 'H')) {
    eq4 = 1;
  }
  const eq5 = ['A', 'P', 'U'].indexOf(m.E ?? '');
  const eq6 =
    (is(m, 'CR', 'H') && is(m, 'VC', 'H')) ||
    (is(m, 'IR', 'H') && is(m, 'VI', 'H')) ||
    (is(m, 'AR', 'H') && is(m, 'VA', 'H'))
      ? 0
      : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

/**
 * How far each value is below the most severe one, in steps of 0.1 (the specification's
 * severity distances). Kept as whole steps so the interpolation can stay in integers. E is
 * absent: EQ5 has a single vector per level, so its distance is always zero.
 */
export const severityLevels: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  // Safety (S) exists only for the modified SI and SA; SC's scale starts one step below it.
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};

/** The groups whose distances are interpolated; EQ3 and EQ6 are scored together. */
export type EqGroup = 'eq1' | 'eq2' | 'eq3eq6' | 'eq4' | 'eq5';

/** Which metrics each group's distance adds up. */
export const groupMetrics: Readonly<Record<EqGroup, readonly string[]>> = {
  eq1: ['AV', 'PR', 'UI'],
  eq2: ['AC', 'AT'],
  eq3eq6: ['VC', 'VI', 'VA', 'CR', 'IR', 'AR'],
  eq4: ['SC', 'SI', 'SA'],
  eq5: ['E'],
};

/**
 * The highest-severity vectors of each level, as the specification lists them, keyed by the
 * level (EQ3 and EQ6 by both digits). Data from the specification, written out.
 */
const highestVectorText: Readonly<Record<EqGroup, Readonly<Record<string, readonly string[]>>>> = {
  eq1: {
    '0': ['AV:N/PR:N/UI:N'],
    '1': ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'],
    '2': ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P'],
  },
  eq2: {
    '0': ['AC:L/AT:N'],
    '1': ['AC:H/AT:N', 'AC:L/AT:P'],
  },
  eq3eq6: {
    '00': ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'],
    '01': ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M'],
    '10': ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
    '11': [
      'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H',
      'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M',
      'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M',
      'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H',
      'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M',
    ],
    '21': ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H'],
  },
  eq4: {
    '0': ['SC:H/SI:S/SA:S'],
    '1': ['SC:H/SI:H/SA:H'],
    '2': ['SC:L/SI:L/SA:L'],
  },
  eq5: {
    '0': ['E:A'],
    '1': ['E:P'],
    '2': ['E:U'],
  },
};

function parsePartialVector(text: string): EffectiveMetrics {
  const metrics: Record<string, string> = {};
  for (const component of text.split('/')) {
    const [name = '', value = ''] = component.split(':');
    metrics[name] = value;
  }
  return metrics;
}

export const highestVectors: Readonly<
  Record<EqGroup, Readonly<Record<string, readonly EffectiveMetrics[]>>>
> = Object.fromEntries(
  Object.entries(highestVectorText).map(([group, levels]) => [
    group,
    Object.fromEntries(
      Object.entries(levels).map(([level, texts]) => [level, texts.map(parsePartialVector)])
    ),
  ])
) as Record<EqGroup, Record<string, EffectiveMetrics[]>>;

/**
 * The depth of each level, in 0.1 steps, which the severity distance is divided by (FIRST's
 * calculator's `max_severity`), keyed as `highestVectors` is. Data from the specification;
 * each is one more than the largest distance a vector of the level can have from its highest
 * vectors (a test checks this), so even a level's lowest vector stays above the next lower
 * MacroVector's score.
 */
export const levelDepths: Readonly<Record<EqGroup, Readonly<Record<string, number>>>> = {
  eq1: { '0': 1, '1': 4, '2': 5 },
  eq2: { '0': 1, '1': 2 },
  eq3eq6: { '00': 7, '01': 6, '10': 8, '11': 8, '21': 10 },
  eq4: { '0': 6, '1': 5, '2': 4 },
  eq5: { '0': 1, '1': 1, '2': 1 },
};

/** The level key of a group in a MacroVector: one digit, or EQ3 and EQ6's two. */
export function levelKey(group: EqGroup, eq: MacroVector): string {
  switch (group) {
    case 'eq1':
      return String(eq[0]);
    case 'eq2':
      return String(eq[1]);
    case 'eq3eq6':
      return `${eq[2]}${eq[5]}`;
    case 'eq4':
      return String(eq[3]);
    case 'eq5':
      return String(eq[4]);
  }
}
