/**
 * The tables as Kysely sees them, one interface per table. Conventions, the same on SQLite and
 * PostgreSQL: ids are UUID strings (alerts: `<cluster id>:<engine alert id>`), times are ISO 8601
 * UTC text with milliseconds (`2025-01-31T12:00:00.000Z`, so text order is time order), days are
 * `YYYY-MM-DD`, and JSON is stored as text. `migrations/0001-core-tables.ts` creates them;
 * `0003-cluster-posture.ts` adds the posture, inventory and assessment columns (nullable in the
 * database as added columns must be; the repositories always write them).
 */

export type TokenRole = 'reader' | 'operator' | 'admin';
export type ScanStatus = 'queued' | 'running' | 'done' | 'failed';
/** Why a scan was asked for: the registry was added, the schedule, an operator, a re-match. */
export type ScanTrigger = 'added' | 'schedule' | 'demand' | 'rematch';
export type RecommendationStatus = 'pass' | 'fail' | 'manual' | 'exempted';
export type AlertStatus = 'new' | 'in_progress' | 'dismissed' | 'resolved';
export type AssessmentStatus = 'running' | 'succeeded' | 'failed';

export interface ApiTokensTable {
  id: string;
  name: string;
  role: TokenRole;
  /** sha-256 of the token, hex; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebhookTokensTable {
  id: string;
  cluster_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface RegistriesTable {
  id: string;
  name: string;
  url: string;
  username: string | null;
  /** The credential sealed with AES-256-GCM (see `secret-box.ts`), base64. */
  secret_ciphertext: string | null;
  created_at: string;
}

export interface RepositoriesTable {
  id: string;
  registry_id: string;
  name: string;
  created_at: string;
}

export interface ImagesTable {
  id: string;
  registry_id: string;
  repository: string;
  digest: string;
  /** JSON array of tag names. */
  tags: string;
  /** JSON: the CycloneDX SBOM the daily reassessment re-matches without pulling. */
  sbom: string | null;
  created_at: string;
  last_scanned_at: string | null;
  /** 0002: the build time of the advisory database the findings were last matched against. */
  advisories_built_at: string | null;
}

export interface ScansTable {
  id: string;
  image_id: string;
  status: ScanStatus;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  /** 0002: the queue delivery that last ran it (1 first). */
  attempt: number;
  /** 0002: `host:pid` of the worker that last ran it. */
  worker: string | null;
  /** Renewed every 30 s while a worker runs it; null before it starts. 0002. */
  heartbeat_at: string | null;
  /** 0002. */
  trigger: ScanTrigger;
  /** 0002: what a reader should know (no advisory database: packages only). */
  note: string | null;
  /** 0002: packages in the SBOM and open findings after it, once done. */
  package_count: number | null;
  finding_count: number | null;
}

export interface FindingsTable {
  /** 0002: a UUID, for cursors (the key is image, vulnerability and package). */
  id: string;
  image_id: string;
  vulnerability_id: string;
  package_purl: string;
  severity: string;
  fixed_version: string | null;
  first_seen: string;
  /** Set when a rescan no longer finds it: with first_seen, the image's new/fixed history. */
  fixed_at: string | null;
  /** 0002. */
  package_name: string;
  package_version: string;
  title: string | null;
  /** 0002: 5 critical … 0 unknown, so SQL sorts worst first. */
  severity_rank: number;
  /** 0008: the day CISA's known-exploited catalog listed the CVE; null when it does not. */
  kev_date_added: string | null;
  /** 0008: 1 when the catalog knows of ransomware using it, 0 when not; null when not listed. */
  kev_ransomware: number | null;
}

export interface ClustersTable {
  id: string;
  name: string;
  source: string;
  /** JSON: how to reach the cluster (kubeconfig path and context, account and region…). */
  config: string;
  created_at: string;
  /** An inline kubeconfig sealed with AES-256-GCM (see `secret-box.ts`), base64. */
  kubeconfig_ciphertext: string | null;
  last_assessed_at: string | null;
}

export interface NodesTable {
  cluster_id: string;
  name: string;
  /** Whole vCPUs, rounded up from `cpu_millicores`; 0 when the capacity was unreadable. */
  vcpus: number;
  seen_at: string;
  /** `status.capacity.cpu` exactly; null when missing or not a quantity (`problem` says). */
  cpu_millicores: number | null;
  architecture: string | null;
  operating_system: string | null;
  os_image: string | null;
  kubelet_version: string | null;
  instance_type: string | null;
  problem: string | null;
  /** 0007: the node group, Karpenter node pool or Fargate profile its labels name. */
  node_group: string | null;
  /** 0007: `on-demand`, `spot`, `fargate`… */
  capacity_type: string | null;
  /** 0007: `topology.kubernetes.io/zone`. */
  zone: string | null;
}

export interface WorkloadsTable {
  cluster_id: string;
  namespace: string;
  kind: string;
  name: string;
  /** JSON array of `{ container, image, digests }` (the posture engine's `WorkloadImage`). */
  images: string;
  seen_at: string;
}

export interface RecommendationsTable {
  /** UUID, kept for the life of the row. */
  id: string;
  cluster_id: string;
  check_id: string;
  /** `<kind>/<namespace>/<name>` of the resource judged. */
  resource_key: string;
  status: RecommendationStatus;
  severity: string;
  /** 4 critical … 0 informational (as alerts), so SQL sorts worst first. */
  severity_rank: number;
  title: string;
  /** JSON array of `{ framework, id }` controls the check decides. */
  controls: string;
  resource_kind: string;
  resource_namespace: string | null;
  resource_name: string;
  /** The check's reason for the latest verdict. */
  message: string;
  /** When it first failed, and when it was last seen not passing. */
  first_seen: string;
  last_seen: string;
  /** Set when it passed (or its resource went) after failing; cleared when it fails again. */
  resolved_at: string | null;
  /** When it failed again after being resolved, and how often that happened. */
  reopened_at: string | null;
  reopen_count: number;
  /** The last assessment that judged it. */
  last_assessed_at: string;
}

export interface AlertsTable {
  id: string;
  cluster_id: string;
  rule: string;
  severity: string;
  /** 4 critical … 0 informational, so SQL sorts by severity. */
  severity_rank: number;
  status: AlertStatus;
  dismiss_reason: string | null;
  /** JSON: the core `Alert` as first stored. */
  body: string;
  count: number;
  first_seen: string;
  last_seen: string;
  updated_at: string;
  /** Who set the status last (`token <name>`, `suppression rule <id>`); null while untouched. 0004. */
  status_changed_by: string | null;
  status_changed_at: string | null;
  /** When a new, unsuppressed alert was stored, until its notify jobs are published. 0004. */
  notify_pending_since: string | null;
  /** Who is working on it: a free-text name (`alice`, `team-sre`); null when unassigned. 0009. */
  assignee: string | null;
}

export interface SuppressionRulesTable {
  id: string;
  /** JSON: the detection engine's exception. */
  body: string;
  reason: string;
  expires: string | null;
  created_by: string;
  created_at: string;
}

export type DeliveryStatus = 'sent' | 'failing';

/** Where alerts are sent (0004). The kind's config is sealed whole: URLs and HMAC keys are secrets. */
export interface NotificationChannelsTable {
  id: string;
  name: string;
  /** A kind of `src/platform/notify/`: `webhook`, `slack`, `syslog-cef`. */
  kind: string;
  /** The kind's config as JSON, sealed with the secret box (context: the id), base64. */
  config_ciphertext: string;
  /** What the config points at, without a secret (`https://hooks.slack.com/…`), for people. */
  target: string;
  /** The least severity sent. */
  min_severity: string;
  /** JSON array of cluster ids; null for every cluster. */
  clusters: string | null;
  /** 1 or 0. */
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** One alert's delivery to one channel (0004): a redelivered job finds it sent and skips. */
export interface NotificationDeliveriesTable {
  alert_id: string;
  channel_id: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

export interface MeteringTable {
  cluster_id: string;
  day: string;
  vcores: number;
}

export interface AssessmentsTable {
  /** The queue job's id, so a redelivered job rewrites its own run. */
  id: string;
  cluster_id: string;
  status: AssessmentStatus;
  started_at: string;
  finished_at: string | null;
  /** Why a failed run failed (`cannot reach the API server …`); never a credential. */
  error: string | null;
  attempt: number;
  results: number;
  failed: number;
  passed: number;
  manual: number;
  exempted: number;
  /** Null when the nodes could not be read. */
  nodes: number | null;
  vcores: number | null;
  workloads: number | null;
  /** JSON: the engine's framework summaries (scores per framework and control). */
  frameworks: string;
  /** JSON: results per check (`CheckTally`), what the secure score weighs. */
  checks: string;
  /** JSON array of notes: kinds not read, nodes not counted, exceptions expired. */
  notes: string;
}

/** How an exemption is justified, as Defender for Cloud names them. */
export type ExemptionCategory = 'mitigated' | 'risk_accepted' | 'false_positive';

/**
 * A failing recommendation an operator has accepted (0006): applied when read, so the
 * recommendation rows keep the engine's verdict.
 */
export interface ExemptionsTable {
  id: string;
  /** Null: every cluster. */
  cluster_id: string | null;
  check_id: string;
  /** `<kind>/<namespace>/<name>` of one resource; null with `namespace` null: every resource. */
  resource_key: string | null;
  /** Every resource of the check in this namespace. */
  namespace: string | null;
  category: ExemptionCategory;
  reason: string;
  /** From then on it no longer applies; null: never expires. */
  expires_at: string | null;
  created_by: string;
  created_at: string;
}

export interface ScheduleRunsTable {
  /** The periodic task's id (`discover-registries`, `assess-clusters`…). */
  task: string;
  /** When a server last claimed it; the epoch before the first run. */
  last_run: string;
  /** `3 jobs published`, `1 scans reaped`, or the error of the last run. */
  last_outcome: string | null;
}

export interface AlertEventsTable {
  alert_id: string;
  audit_id: string;
  received_at: string;
  /** JSON: the audit event as received, redacted (see `audit-pipeline/raw-events.ts`). */
  event: string;
}

export interface ScoreHistoryTable {
  /** `overall`, `account` or `cluster`. */
  scope: string;
  /** The account or cluster id; empty for `overall`. */
  scope_id: string;
  recorded_at: string;
  score: number;
  earned: number;
  max_points: number;
}

export interface Database {
  api_tokens: ApiTokensTable;
  webhook_tokens: WebhookTokensTable;
  registries: RegistriesTable;
  repositories: RepositoriesTable;
  images: ImagesTable;
  scans: ScansTable;
  findings: FindingsTable;
  clusters: ClustersTable;
  nodes: NodesTable;
  workloads: WorkloadsTable;
  recommendations: RecommendationsTable;
  alerts: AlertsTable;
  suppression_rules: SuppressionRulesTable;
  metering: MeteringTable;
  assessments: AssessmentsTable;
  schedule_runs: ScheduleRunsTable;
  notification_channels: NotificationChannelsTable;
  notification_deliveries: NotificationDeliveriesTable;
  score_history: ScoreHistoryTable;
  alert_events: AlertEventsTable;
  exemptions: ExemptionsTable;
}
