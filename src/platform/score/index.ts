export { computeScores } from './formula.js';
export { gatherScoreInputs } from './gather.js';
export { imagesRun } from './image-match.js';
export type {
  AccountScore,
  ClusterScore,
  ScannedImage,
  ScoreControl,
  ScoreInputs,
  ScoreReport,
  ScoreSummary,
} from './types.js';
export { recordScoreHistory, scorePointsOf } from './record.js';
export { runningContainers, workloadCount, type RunningContainer } from './running-workloads.js';
