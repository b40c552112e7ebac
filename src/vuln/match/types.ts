import type { OsvRecord, StoredAffected } from '../osv/schema.js';

/**
 * What a finding shows of its advisory, stored beside the full record so matching reads it
 * in the same query as the affected entries instead of one more per finding.
 */
export interface AdvisoryBrief {
  aliases: string[];
  summary?: string;
  references: string[];
  /** CVSS vectors (`CVSS:3.1/AV:N/…`) the advisory rates itself with. */
  cvss: string[];
}

export interface AffectedHit {
  advisoryId: string;
  entry: StoredAffected;
  advisory: AdvisoryBrief;
}

/** What the matcher needs from the advisory database; the database implements it, tests fake it. */
export interface AdvisoryLookup {
  affectedEntries(ecosystem: string, release: string, name: string): AffectedHit[];
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
