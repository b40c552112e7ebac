export {
  createBaselines,
  defaultLearningWindowMs,
  defaultMaxEntriesPerIdentity,
  defaultMaxIdentities,
  type BaselinesOptions,
} from './baselines.js';
export {
  anomalousExec,
  anomalousSecretAccess,
  anomalousServiceAccountOperation,
  anomalousWorkloadDeployment,
  baselineDetections,
} from './detections.js';
