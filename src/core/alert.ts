/**
 * Alerts: what detection tells a person. Every engine that detects (audit-log rules, behavioural
 * baselines, the runtime sensor) speaks this shape, and the platform stores and shows it.
 */

/** Defender's scale: it calls most control-plane alerts informational, and so do we. */
export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low' | 'informational';

/** Worst first, for sorting and `--min-severity`. */
export const alertSeverityOrder: readonly AlertSeverity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
];

/** What the same detection is called elsewhere, so users can map what they already know. */
export interface AlertEquivalents {
  /** Microsoft Defender for Containers alert type: `K8S_PrivilegedContainer`. */
  defender?: string;
  /** GuardDuty finding types: `Execution:Kubernetes/ExecInKubeSystemPod`. */
  guardduty?: readonly string[];
  /** Falco rule name: `Create Privileged Pod`. */
  falco?: string;
}

/** How the alert was raised: a rule over one event, a first-time behaviour, or a burst. */
export type AlertKind = 'rule' | 'anomaly' | 'burst';

/** Who did it, as the API server authenticated them. */
export interface AlertIdentity {
  username: string;
  groups: string[];
  /** For `system:serviceaccount:<namespace>:<name>`. */
  serviceAccount?: { namespace: string; name: string };
  /** EKS: the IAM principal behind the Kubernetes user (`user.extra.arn`). */
  arn?: string;
  /** When the request impersonated `username`: who really sent it. */
  impersonatedBy?: string;
}

/** The Kubernetes object the request touched. */
export interface AlertObject {
  resource: string;
  subresource?: string;
  apiGroup?: string;
  namespace?: string;
  name?: string;
}

export interface Alert {
  /** Stable over runs: the same rule, cluster, identity and object give the same id. */
  id: string;
  rule: string;
  kind: AlertKind;
  title: string;
  severity: AlertSeverity;
  /** MITRE ATT&CK technique IDs: `T1610`, `T1552.007`. */
  mitre: string[];
  equivalents: AlertEquivalents;
  /** What happened, for a person, from the first event. */
  message: string;
  cluster: string;
  identity: AlertIdentity;
  /** As the API server recorded them: all but the last may be spoofed by the client. */
  sourceIPs: string[];
  userAgent?: string;
  object?: AlertObject;
  evidence: {
    /** The audit IDs of the events, oldest first, capped (`count` says how many there were). */
    auditIDs: string[];
    /** The fields that matched, from the first event: `image`, `hostPath`, `role`. */
    fields: Record<string, string>;
  };
  /** Event times (`stageTimestamp`), ISO 8601. */
  firstSeen: string;
  lastSeen: string;
  /** Events folded into this alert: repeats of the rule on the same identity and object. */
  count: number;
}
