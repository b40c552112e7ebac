import type { DetectionReport } from '../report.js';

export interface FormatContext {
  /** ANSI colours, for a terminal. */
  color: boolean;
}

/** A detection report format: one report in, one document out. */
export interface DetectionFormat {
  readonly id: string;
  readonly description: string;
  render(report: DetectionReport, context: FormatContext): string;
}
