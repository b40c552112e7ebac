import { parseMetrics, type MetricTable } from './metrics.js';
import { ratingFromScore } from './rating.js';
import type { CvssV4AdjustedScore } from './types.js';
import type { EffectiveMetrics } from './v4-equivalence.js';
import { scoreEffectiveV4 } from './v4-score.js';

const notDefined = 'X';
const requirement = [notDefined, 'H', 'M', 'L'];

/** Base metrics: all mandatory (specification section 7, "Vector String"). */
const baseMetrics: MetricTable = {
  AV: { values: ['N', 'A', 'L', 'P'], mandatory: true },
  AC: { values: ['L', 'H'], mandatory: true },
  AT: { values: ['N', 'P'], mandatory: true },
  PR: { values: ['N', 'L', 'H'], mandatory: true },
  UI: { values: ['N', 'P', 'A'], mandatory: true },
  VC: { values: ['H', 'L', 'N'], mandatory: true },
  VI: { values: ['H', 'L', 'N'], mandatory: true },
  VA: { values: ['H', 'L', 'N'], mandatory: true },
  SC: { values: ['H', 'L', 'N'], mandatory: true },
  SI: { values: ['H', 'L', 'N'], mandatory: true },
  SA: { values: ['H', 'L', 'N'], mandatory: true },
};

const threatMetrics: MetricTable = {
  E: { values: [notDefined, 'A', 'P', 'U'], mandatory: false },
};

/** Environmental metrics: security requirements, then the modified base metrics. */
const environmentalMetrics: MetricTable = {
  CR: { values: requirement, mandatory: false },
  IR: { values: requirement, mandatory: false },
  AR: { values: requirement, mandatory: false },
  MAV: { values: [notDefined, 'N', 'A', 'L', 'P'], mandatory: false },
  MAC: { values: [notDefined, 'L', 'H'], mandatory: false },
  MAT: { values: [notDefined, 'N', 'P'], mandatory: false },
  MPR: { values: [notDefined, 'N', 'L', 'H'], mandatory: false },
  MUI: { values: [notDefined, 'N', 'P', 'A'], mandatory: false },
  MVC: { values: [notDefined, 'H', 'L', 'N'], mandatory: false },
  MVI: { values: [notDefined, 'H', 'L', 'N'], mandatory: false },
  MVA: { values: [notDefined, 'H', 'L', 'N'], mandatory: false },
  MSC: { values: [notDefined, 'H', 'L', 'N'], mandatory: false },
  // Safety (S) can only be said of the subsequent system's modified integrity and availability.
  MSI: { values: [notDefined, 'S', 'H', 'L', 'N'], mandatory: false },
  MSA: { values: [notDefined, 'S', 'H', 'L', 'N'], mandatory: false },
};

/** Supplemental metrics never change a score; they are only checked. */
const supplementalMetrics: MetricTable = {
  S: { values: [notDefined, 'N', 'P'], mandatory: false },
  AU: { values: [notDefined, 'N', 'Y'], mandatory: false },
  R: { values: [notDefined, 'A', 'U', 'I'], mandatory: false },
  V: { values: [notDefined, 'D', 'C'], mandatory: false },
  RE: { values: [notDefined, 'L', 'M', 'H'], mandatory: false },
  U: { values: [notDefined, 'Clear', 'Green', 'Amber', 'Red'], mandatory: false },
};

const v4Metrics: MetricTable = {
  ...baseMetrics,
  ...threatMetrics,
  ...environmentalMetrics,
  ...supplementalMetrics,
};

function isSet(metrics: ReadonlyMap<string, string>, name: string): boolean {
  const value = metrics.get(name);
  return value !== undefined && value !== notDefined;
}

/**
 * The values the score formula reads. Not Defined takes the worst case, as the specification
 * says: E:X is Attacked, CR/IR/AR:X are High, and an unset modified metric is its base metric.
 * With `adjust` false the threat and environmental metrics are all taken as Not Defined, which
 * gives CVSS-B.
 */
function effectiveMetrics(metrics: ReadonlyMap<string, string>, adjust: boolean): EffectiveMetrics {
  const value = (name: string, fallback: string): string => {
    const given = adjust ? metrics.get(name) : undefined;
    return given === undefined || given === notDefined ? fallback : given;
  };
  const effective: Record<string, string> = {
    E: value('E', 'A'),
    CR: value('CR', 'H'),
    IR: value('IR', 'H'),
    AR: value('AR', 'H'),
  };
  for (const name of Object.keys(baseMetrics)) {
    effective[name] = value(`M${name}`, metrics.get(name) ?? '');
  }
  return effective;
}

export interface V4Score {
  baseScore: number;
  adjusted?: CvssV4AdjustedScore;
}

/**
 * Checks a v4.0 vector's metrics (the part after `CVSS:4.0/`) and returns CVSS-B, plus
 * CVSS-BT, -BE or -BTE when threat or environmental metrics are given.
 */
export function scoreV4(vector: string, body: string): V4Score {
  const metrics = parseMetrics(vector, body, v4Metrics);
  const baseScore = scoreEffectiveV4(effectiveMetrics(metrics, false));
  const threat = Object.keys(threatMetrics).some((name) => isSet(metrics, name));
  const environmental = Object.keys(environmentalMetrics).some((name) => isSet(metrics, name));
  if (!threat && !environmental) {
    return { baseScore };
  }
  const score = scoreEffectiveV4(effectiveMetrics(metrics, true));
  let nomenclature: CvssV4AdjustedScore['nomenclature'] = 'CVSS-BTE';
  if (!environmental) {
    nomenclature = 'CVSS-BT';
  } else if (!threat) {
    nomenclature = 'CVSS-BE';
  }
  return { baseScore, adjusted: { nomenclature, score, severity: ratingFromScore(score) } };
}
