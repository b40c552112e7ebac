import type { OsvAffected, OsvRecord } from '../osv/schema.js';

/** What the matcher needs from the advisory database; the database implements it, tests fake it. */
export interface AdvisoryLookup {
  affectedEntries(
    ecosystem: string,
    release: string,
    name: string
  ): { advisoryId: string; entry: OsvAffected }[];
  /** The advisory without its `affected` list. */
  advisory(id: string): StoredAdvisory | undefined;
}

export type StoredAdvisory = Pick<
  OsvRecord,
  | 'id'
  | 'modified'
  | 'published'
  | 'aliases'
  | 'summary'
  | 'details'
  | 'severity'
  | 'references'
  | 'database_specific'
>;
