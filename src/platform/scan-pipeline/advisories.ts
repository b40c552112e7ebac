import { existsSync } from 'node:fs';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { AdvisoryDb, assessInventory } from '../../vuln/index.js';
import type { NewFinding } from '../store/index.js';

/** What matching an inventory gave: findings to store, or why there are none. */
export interface Matched {
  findings: NewFinding[];
  /** The build time of the database used; undefined when none was. */
  builtAt?: string;
  note?: string;
}

export const noDatabaseNote = 'no advisory database: packages only, no vulnerabilities';

function toNewFinding(finding: Finding): NewFinding {
  return {
    vulnerabilityId: finding.id,
    packagePurl: finding.package.purl,
    packageName: finding.package.name,
    packageVersion: finding.package.version,
    severity: finding.severity,
    ...(finding.fixedVersion !== undefined ? { fixedVersion: finding.fixedVersion } : {}),
    ...(finding.title !== undefined ? { title: finding.title.slice(0, 512) } : {}),
    ...(finding.knownExploited !== undefined
      ? {
          knownExploited: {
            dateAdded: finding.knownExploited.dateAdded,
            ransomware: finding.knownExploited.ransomware,
          },
        }
      : {}),
  };
}

/**
 * Matches the inventory against the database at `path`, opened for this match only, so a
 * database replaced by `palisade db update` is picked up by the next job. No path, or no file
 * there: no findings, and a note saying so.
 */
export function matchInventory(inventory: Inventory, path: string | undefined, now: Date): Matched {
  if (path === undefined || !existsSync(path)) {
    return { findings: [], note: noDatabaseNote };
  }
  const db = AdvisoryDb.open(path);
  try {
    // No policy: the store keeps every finding; what to hide is the reader's choice.
    const { report } = assessInventory(inventory, db, { now });
    return {
      findings: report.findings.map(toNewFinding),
      builtAt: report.database.builtAt,
    };
  } finally {
    db.close();
  }
}
