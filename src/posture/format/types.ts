import type { Assessment } from '../assessment.js';

export interface FormatContext {
  /** ANSI colours, for a terminal. */
  color: boolean;
}

/** A posture report format: one assessment in, one document out. */
export interface AssessmentFormat {
  readonly id: string;
  readonly description: string;
  render(assessment: Assessment, context: FormatContext): string;
}
