import { format as json } from '../formats/json/index.js';
import { format as junit } from '../formats/junit/index.js';
import { format as sarif } from '../formats/sarif/index.js';
import { format as table } from '../formats/table/index.js';
import type { AssessmentFormat } from './types.js';

/** Every posture report format, by id. Adding one is one import and one line here. */
export const assessmentFormats: ReadonlyMap<string, AssessmentFormat> = new Map(
  [table, json, sarif, junit].map((format) => [format.id, format])
);
