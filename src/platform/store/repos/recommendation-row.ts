import { severityOrder, type Severity } from '../../../core/finding.js';
import type { RecommendationsTable, RecommendationStatus } from '../schema.js';

export const recommendationStatuses: readonly RecommendationStatus[] = [
  'fail',
  'manual',
  'exempted',
  'pass',
];

export interface RecommendationControl {
  framework: string;
  id: string;
}

/** One check's verdict on one resource, as an assessment hands it to the store. */
export interface RecommendationResult {
  check: string;
  title: string;
  severity: Severity;
  controls: readonly RecommendationControl[];
  status: RecommendationStatus;
  resource: { kind: string; namespace?: string; name: string };
  /** The check's reason: what was found, naming the field and container. */
  message: string;
}

/** The active exemption covering a failing recommendation, as the list shows it. */
export interface RecommendationExemption {
  id: string;
  category: string;
  reason: string;
  expiresAt?: string;
  /** Absent: the exemption covers every cluster. */
  clusterId?: string;
  /** What it covers besides this resource: `resource`, `namespace` or the whole `check`. */
  scope: 'resource' | 'namespace' | 'check';
}

/** A recommendation as stored and answered: the latest verdict and its history. */
export interface Recommendation {
  id: string;
  clusterId: string;
  check: string;
  title: string;
  severity: Severity;
  controls: RecommendationControl[];
  status: RecommendationStatus;
  resource: { kind: string; namespace?: string; name: string };
  message: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt?: string;
  reopenedAt?: string;
  reopenCount: number;
  lastAssessedAt: string;
  /** A failing one covered by an active exemption, applied when read (status stays `fail`). */
  exemption?: RecommendationExemption;
}

/** 5 critical … 0 unknown: higher is worse, so `desc` is worst first. */
export function recommendationSeverityRank(severity: Severity): number {
  return severityOrder.length - 1 - severityOrder.indexOf(severity);
}

export function resourceKey(resource: RecommendationResult['resource']): string {
  return `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

export function toRecommendation(row: RecommendationsTable): Recommendation {
  const controls: unknown = JSON.parse(row.controls);
  return {
    id: row.id,
    clusterId: row.cluster_id,
    check: row.check_id,
    title: row.title,
    severity: row.severity as Severity,
    controls: Array.isArray(controls) ? (controls as RecommendationControl[]) : [],
    status: row.status,
    resource: {
      kind: row.resource_kind,
      ...(row.resource_namespace !== null ? { namespace: row.resource_namespace } : {}),
      name: row.resource_name,
    },
    message: row.message,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
    ...(row.reopened_at !== null ? { reopenedAt: row.reopened_at } : {}),
    reopenCount: row.reopen_count,
    lastAssessedAt: row.last_assessed_at,
  };
}
