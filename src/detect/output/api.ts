import { jsonLinesOutput } from '../outputs/json-lines/index.js';
import { webhookOutput } from '../outputs/webhook/index.js';

/** Every alert output, by id; each folder's `index.ts` builds one from its options. */
export const alertOutputs = {
  'json-lines': jsonLinesOutput,
  webhook: webhookOutput,
} as const;
