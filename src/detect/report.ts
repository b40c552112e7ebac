import type { Alert } from '../core/alert.js';
import type { EngineStats, Problem } from './engine/engine.js';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const detectionReportSchemaVersion = 1;

/** What `palisade detect audit` writes as JSON: documented in docs/detection-report.md. */
export interface DetectionReport {
  schemaVersion: typeof detectionReportSchemaVersion;
  tool: { name: 'palisade'; version: string };
  createdAt: string;
  /** The files or endpoint read. */
  sources: string[];
  stats: EngineStats;
  /** The first events and inputs that could not be read, with where they were. */
  problems: Problem[];
  notes: string[];
  /** Worst first, then oldest first. */
  alerts: Alert[];
}
