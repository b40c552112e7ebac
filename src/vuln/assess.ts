import type { Finding } from '../core/finding.js';
import type { Inventory, VulnerabilityReport } from '../core/inventory.js';
import type { AdvisoryDb } from './db/reader.js';
import { matchInventory } from './match/match.js';
import { applyPolicy, type Policy } from './policy/index.js';

export interface Assessment {
  report: VulnerabilityReport;
  /** Ignore entries past their expiry date, for the user to hear about. */
  expired: string[];
}

/**
 * Marks each finding the known-exploited catalog lists, by its id or any alias (a DSA's
 * finding is exploited when the CVE it fixes is).
 */
export function markExploited(
  findings: readonly Finding[],
  catalog: Pick<AdvisoryDb, 'knownExploited'>
): Finding[] {
  return findings.map((finding) => {
    for (const name of [finding.id, ...finding.aliases]) {
      const exploited = name.startsWith('CVE-') ? catalog.knownExploited(name) : undefined;
      if (exploited !== undefined) {
        return { ...finding, knownExploited: exploited };
      }
    }
    return finding;
  });
}

/** Matches an inventory against the database and applies the user's policy to what matched. */
export function assessInventory(inventory: Inventory, db: AdvisoryDb, policy: Policy): Assessment {
  const matched = matchInventory(inventory, db);
  const decided = applyPolicy(markExploited(matched.findings, db), policy);
  return {
    report: {
      database: db.provenance(),
      findings: decided.findings,
      suppressed: decided.suppressed,
      unknowns: matched.unknowns,
    },
    expired: decided.expired,
  };
}
