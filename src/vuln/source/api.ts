import { source as osv } from '../sources/osv/index.js';
import type { AdvisorySource } from './types.js';

/** Every advisory source, by id. Adding one is one import and one entry here. */
export const advisorySources: ReadonlyMap<string, AdvisorySource> = new Map(
  [osv].map((source) => [source.id, source])
);
