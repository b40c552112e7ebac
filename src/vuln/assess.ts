import type { Inventory, VulnerabilityReport } from '../core/inventory.js';
import type { AdvisoryDb } from './db/reader.js';
import { matchInventory } from './match/match.js';
import { applyPolicy, type Policy } from './policy/index.js';

export interface Assessment {
  report: VulnerabilityReport;
  /** Ignore entries past their expiry date, for the user to hear about. */
  expired: string[];
}

/** Matches an inventory against the database and applies the user's policy to what matched. */
export function assessInventory(inventory: Inventory, db: AdvisoryDb, policy: Policy): Assessment {
  const matched = matchInventory(inventory, db);
  const decided = applyPolicy(matched.findings, policy);
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
