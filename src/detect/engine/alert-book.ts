import { createHash } from 'node:crypto';
import type { Alert, AlertKind } from '../../core/alert.js';
import { alertSeverityOrder } from '../../core/alert.js';
import type { AuditEvent } from '../audit/event.js';
import { identityOf, objectOf } from '../audit/fields.js';
import type { DetectionMeta, RuleMatch } from '../rule/types.js';

export interface AlertBookOptions {
  /** Audit IDs kept per alert as evidence; the count says how many events there were. */
  maxAuditIDs: number;
  /** Distinct alerts kept; beyond it new ones are counted, not kept. */
  maxAlerts: number;
}

export type Recorded = { alert: Alert; first: boolean } | { dropped: true };

/** What a rule or model found, before it is folded into an alert. */
export interface Detected {
  detection: DetectionMeta;
  kind: AlertKind;
  match: RuleMatch;
  /** False for findings about the identity alone (bursts). */
  withObject: boolean;
}

/**
 * Alerts, folded: repeats of a detection by the same identity on the same object in the same
 * cluster are one alert with a count, first and last seen, and the audit IDs of the events.
 */
export class AlertBook {
  private readonly byKey = new Map<string, Alert>();
  dropped = 0;

  constructor(private readonly options: AlertBookOptions) {}

  record(found: Detected, event: AuditEvent, cluster: string): Recorded {
    const { detection, kind, match, withObject } = found;
    const identity = identityOf(event);
    const object = withObject ? objectOf(event) : undefined;
    const objectKey = object
      ? `${object.resource}/${object.subresource ?? ''} ${object.namespace ?? ''}/${object.name ?? ''}`
      : '';
    const key = `${detection.id}\u0000${cluster}\u0000${identity.username}\u0000${objectKey}`;
    const time = event.stageTimestamp;
    const known = this.byKey.get(key);
    if (known !== undefined) {
      known.count += 1;
      if (known.evidence.auditIDs.length < this.options.maxAuditIDs) {
        known.evidence.auditIDs.push(event.auditID);
      }
      if (Date.parse(time) < Date.parse(known.firstSeen)) {
        known.firstSeen = time;
      }
      if (Date.parse(time) > Date.parse(known.lastSeen)) {
        known.lastSeen = time;
      }
      return { alert: known, first: false };
    }
    if (this.byKey.size >= this.options.maxAlerts) {
      this.dropped += 1;
      return { dropped: true };
    }
    const alert: Alert = {
      id: createHash('sha256').update(key).digest('hex').slice(0, 16),
      rule: detection.id,
      kind,
      title: detection.title,
      severity: detection.severity,
      mitre: [...detection.mitre],
      equivalents: detection.equivalents,
      message: match.message,
      cluster,
      identity,
      sourceIPs: [...(event.sourceIPs ?? [])],
      ...(event.userAgent !== undefined ? { userAgent: event.userAgent } : {}),
      ...(object !== undefined ? { object } : {}),
      evidence: { auditIDs: [event.auditID], fields: { ...match.fields } },
      firstSeen: time,
      lastSeen: time,
      count: 1,
    };
    this.byKey.set(key, alert);
    return { alert, first: true };
  }

  /** Worst first, then oldest first. */
  alerts(): Alert[] {
    return [...this.byKey.values()].sort(
      (a, b) =>
        alertSeverityOrder.indexOf(a.severity) - alertSeverityOrder.indexOf(b.severity) ||
        Date.parse(a.firstSeen) - Date.parse(b.firstSeen) ||
        a.id.localeCompare(b.id)
    );
  }

  get size(): number {
    return this.byKey.size;
  }
}
