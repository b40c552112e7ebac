import type { Alert, AlertSeverity } from '../../../core/alert.js';
import { alertSeverityOrder } from '../../../core/alert.js';
import { mitreTechnique, type MitreTechnique } from '../../../core/mitre.js';
import type { AlertsTable, AlertStatus } from '../schema.js';

export const alertStatuses: readonly AlertStatus[] = [
  'new',
  'in_progress',
  'dismissed',
  'resolved',
];

/** An alert as stored: the engine's alert, its cluster, and its lifecycle. */
export interface StoredAlert {
  /** `<cluster id>:<engine alert id>`. */
  id: string;
  clusterId: string;
  rule: string;
  severity: AlertSeverity;
  status: AlertStatus;
  dismissReason?: string;
  /** Events folded in, over every batch. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  updatedAt: string;
  /** Who changed the status last (`token <name>`, `suppression rule <id>`), when one did. */
  statusChangedBy?: string;
  statusChangedAt?: string;
  /** Who is working on it, when someone is. */
  assignee?: string;
  /** The alert's MITRE techniques with their names, for people who do not know the IDs. */
  techniques: MitreTechnique[];
  /** The engine's alert as first stored, with count and times brought up to date. */
  alert: Alert;
}

/** 4 for critical down to 0 for informational: higher is worse, so `desc` is worst first. */
export function severityRank(severity: AlertSeverity): number {
  return alertSeverityOrder.length - 1 - alertSeverityOrder.indexOf(severity);
}

export function storedAlertId(clusterId: string, alertId: string): string {
  return `${clusterId}:${alertId}`;
}

export function toStoredAlert(row: AlertsTable): StoredAlert {
  const body = JSON.parse(row.body) as Alert;
  return {
    id: row.id,
    clusterId: row.cluster_id,
    rule: row.rule,
    severity: row.severity as AlertSeverity,
    status: row.status,
    ...(row.dismiss_reason !== null ? { dismissReason: row.dismiss_reason } : {}),
    count: row.count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    updatedAt: row.updated_at,
    ...(row.status_changed_by !== null ? { statusChangedBy: row.status_changed_by } : {}),
    ...(row.status_changed_at !== null ? { statusChangedAt: row.status_changed_at } : {}),
    ...(row.assignee !== null ? { assignee: row.assignee } : {}),
    techniques: body.mitre.map(mitreTechnique),
    alert: { ...body, count: row.count, firstSeen: row.first_seen, lastSeen: row.last_seen },
  };
}
