import type { DetectionFormat } from '../../format/types.js';

/** The report as it is, versioned by `schemaVersion`. */
export const format: DetectionFormat = {
  id: 'json',
  description: 'the detection report as JSON (schemaVersion 1): stats, problems, notes and alerts',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
