/**
 * The tables as Kysely sees them, one interface per table. Conventions, the same on SQLite and
 * PostgreSQL: ids are UUID strings (alerts: `<cluster id>:<engine alert id>`), times are ISO 8601
 * UTC text with milliseconds (`2025-01-31T12:00:00.000Z`, so text order is time order), days are
 * `YYYY-MM-DD`, and JSON is stored as text. `migrations/0001-core-tables.ts` creates them.
 */

export type TokenRole = 'reader' | 'operator' | 'admin';
export type ScanStatus = 'queued' | 'running' | 'done' | 'failed';
export type RecommendationStatus = 'pass' | 'fail' | 'manual' | 'exempted';
export type AlertStatus = 'new' | 'in_progress' | 'dismissed' | 'resolved';

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
}

export interface ScansTable {
  id: string;
  image_id: string;
  status: ScanStatus;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export interface FindingsTable {
  image_id: string;
  vulnerability_id: string;
  package_purl: string;
  severity: string;
  fixed_version: string | null;
  first_seen: string;
  /** Set when a rescan no longer finds it: with first_seen, the image's new/fixed history. */
  fixed_at: string | null;
}

export interface ClustersTable {
  id: string;
  name: string;
  source: string;
  /** JSON: how to reach the cluster (kubeconfig path and context, account and region…). */
  config: string;
  created_at: string;
}

export interface NodesTable {
  cluster_id: string;
  name: string;
  vcpus: number;
  seen_at: string;
}

export interface WorkloadsTable {
  cluster_id: string;
  namespace: string;
  kind: string;
  name: string;
  /** JSON array of image references. */
  images: string;
  seen_at: string;
}

export interface RecommendationsTable {
  cluster_id: string;
  check_id: string;
  resource_key: string;
  status: RecommendationStatus;
  severity: string;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
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
  notification_channels: NotificationChannelsTable;
  notification_deliveries: NotificationDeliveriesTable;
}
