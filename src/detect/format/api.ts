import { format as json } from '../formats/json/index.js';
import { format as table } from '../formats/table/index.js';
import type { DetectionFormat } from './types.js';

/** Every detection report format, by id. Adding one is one import and one line here. */
export const detectionFormats: ReadonlyMap<string, DetectionFormat> = new Map(
  [table, json].map((format) => [format.id, format])
);
