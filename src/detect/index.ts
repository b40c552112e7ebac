/**
 * Audit-log threat detection: the public surface the CLI and the platform wire. See
 * ARCHITECTURE.md ("How detection flows") and each folder's readme.
 */
export { AlertStream } from './alert-stream.js';
export { createBaselines } from './analytics/baselines/index.js';
export { createBursts } from './analytics/bursts/index.js';
export type { BehaviourModel } from './analytics/types.js';
export {
  AuditEngine,
  engineDefaults,
  type EngineOptions,
  type EngineStats,
} from './engine/engine.js';
export { alertExceptionMatcher, type AlertExceptionMatcher } from './exceptions/alert-match.js';
export { exceptionDimensions } from './exceptions/match.js';
export { readDetectionExceptions } from './exceptions/read-file.js';
export type { DetectionException } from './exceptions/types.js';
export { detectionFormats } from './format/api.js';
export { loadThreatIntel } from './intel/threat-intel.js';
export { alertOutputs } from './output/api.js';
export type { AlertOutput } from './output/types.js';
export { detectionReportSchemaVersion, type DetectionReport } from './report.js';
export { rules } from './rule/api.js';
export { eventSources } from './source/api.js';
