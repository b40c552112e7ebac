import { source as alas } from '../sources/alas/index.js';
import { source as alpineSecdb } from '../sources/alpine-secdb/index.js';
import { source as debianTracker } from '../sources/debian-tracker/index.js';
import { source as kev } from '../sources/kev/index.js';
import { source as osv } from '../sources/osv/index.js';
import type { AdvisorySource } from './types.js';

/** Every advisory source, by id. Adding one is one import and one entry here. */
export const advisorySources: ReadonlyMap<string, AdvisorySource> = new Map(
  [osv, debianTracker, alpineSecdb, alas, kev].map((source) => [source.id, source])
);
