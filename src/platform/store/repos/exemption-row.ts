import type { ExemptionCategory, ExemptionsTable } from '../schema.js';

export const exemptionCategories: readonly ExemptionCategory[] = [
  'mitigated',
  'risk_accepted',
  'false_positive',
];

export const exemptionStates = ['active', 'expired'] as const;
export type ExemptionState = (typeof exemptionStates)[number];

/** The longest free-text reason kept. */
export const maxExemptionReason = 2048;

/**
 * A failing recommendation accepted by an operator: while active, the resources it covers are
 * shown as exempted and do not count against the secure score.
 */
export interface Exemption {
  id: string;
  /** Absent: every cluster. */
  clusterId?: string;
  check: string;
  /** One resource, `<kind>/<namespace>/<name>`; with `namespace` absent too: every resource. */
  resource?: string;
  /** Every resource of the check in this namespace. */
  namespace?: string;
  category: ExemptionCategory;
  reason: string;
  expiresAt?: string;
  createdBy: string;
  createdAt: string;
  /** At the time it was read: `expired` once `expiresAt` has passed; never applied then. */
  state: ExemptionState;
}

/** What an exemption is matched against: one recommendation's cluster, check and resource. */
export interface ExemptionTarget {
  clusterId: string;
  check: string;
  /** `<kind>/<namespace>/<name>`. */
  resourceKey: string;
  namespace?: string;
}

export function toExemption(row: ExemptionsTable, now: string): Exemption {
  return {
    id: row.id,
    ...(row.cluster_id !== null ? { clusterId: row.cluster_id } : {}),
    check: row.check_id,
    ...(row.resource_key !== null ? { resource: row.resource_key } : {}),
    ...(row.namespace !== null ? { namespace: row.namespace } : {}),
    category: row.category,
    reason: row.reason,
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    state: row.expires_at !== null && row.expires_at <= now ? 'expired' : 'active',
  };
}

/** Whether `exemption` covers `target`; its expiry is the caller's to have checked. */
export function exemptionCovers(exemption: Exemption, target: ExemptionTarget): boolean {
  if (exemption.check !== target.check) {
    return false;
  }
  if (exemption.clusterId !== undefined && exemption.clusterId !== target.clusterId) {
    return false;
  }
  if (exemption.resource !== undefined) {
    return exemption.resource === target.resourceKey;
  }
  if (exemption.namespace !== undefined) {
    return exemption.namespace === target.namespace;
  }
  return true;
}

/**
 * The exemption that covers `target` among `active` ones: the narrowest (one resource, then a
 * namespace, then the whole check), then the oldest, so the answer is stable.
 */
export function coveringExemption(
  active: readonly Exemption[],
  target: ExemptionTarget
): Exemption | undefined {
  const breadth = (exemption: Exemption): number =>
    exemption.resource !== undefined ? 0 : exemption.namespace !== undefined ? 1 : 2;
  let best: Exemption | undefined;
  for (const exemption of active) {
    if (!exemptionCovers(exemption, target)) {
      continue;
    }
    if (
      best === undefined ||
      breadth(exemption) < breadth(best) ||
      (breadth(exemption) === breadth(best) && exemption.createdAt < best.createdAt)
    ) {
      best = exemption;
    }
  }
  return best;
}
