import type { AssessmentFormat } from '../../format/types.js';

export const format: AssessmentFormat = {
  id: 'json',
  description:
    'the assessment as JSON (schemaVersion 1): scores per framework and control, every result',
  render: (assessment) => `${JSON.stringify(assessment, null, 2)}\n`,
};
