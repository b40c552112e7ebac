import type { Kysely } from 'kysely';
import { alertEventRepo, type AlertEventRepo } from './repos/alert-events.js';
import { alertRepo, type AlertRepo } from './repos/alerts.js';
import { assessmentRepo, type AssessmentRepo } from './repos/assessments.js';
import { clusterRepo, type ClusterRepo } from './repos/clusters.js';
import { exemptionRepo, type ExemptionRepo } from './repos/exemptions.js';
import type { RepoContext } from './repos/context.js';
import { fleetInventoryRepo, type FleetInventoryRepo } from './repos/fleet-inventory.js';
import { inventoryRepo, type InventoryRepo } from './repos/inventory.js';
import { meteringRepo, type MeteringRepo } from './repos/metering.js';
import { recommendationRepo, type RecommendationRepo } from './repos/recommendations.js';
import { registryRepo, type RegistryRepo } from './repos/registries.js';
import { scheduleRunRepo, type ScheduleRunRepo } from './repos/schedule-runs.js';
import { scoreHistoryRepo, type ScoreHistoryRepo } from './repos/score-history.js';
import { findingRepo, type FindingRepo } from './repos/findings.js';
import { imageRepo, type ImageRepo } from './repos/images.js';
import { scanRepo, type ScanRepo } from './repos/scans.js';
import { vulnerabilityRepo, type VulnerabilityRepo } from './repos/vulnerabilities.js';
import {
  notificationChannelRepo,
  type NotificationChannelRepo,
} from './repos/notification-channels.js';
import { suppressionRuleRepo, type SuppressionRuleRepo } from './repos/suppression-rules.js';
import { tokenRepo, type TokenRepo } from './repos/tokens.js';
import { webhookTokenRepo, type WebhookTokenRepo } from './repos/webhook-tokens.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './types.js';

/** The platform's memory: typed repositories over one database, SQLite or PostgreSQL. */
export interface Store {
  readonly dialect: StoreDialect;
  /** `host:port/db` or the SQLite file; never a password. */
  readonly location: string;
  /** Migrations this open applied; empty when the schema was already current. */
  readonly migrated: readonly string[];
  readonly tokens: TokenRepo;
  readonly webhookTokens: WebhookTokenRepo;
  readonly registries: RegistryRepo;
  readonly clusters: ClusterRepo;
  readonly alerts: AlertRepo;
  /** The raw audit events behind each alert, as its evidence. */
  readonly alertEvents: AlertEventRepo;
  readonly scheduleRuns: ScheduleRunRepo;
  readonly scoreHistory: ScoreHistoryRepo;
  readonly recommendations: RecommendationRepo;
  readonly exemptions: ExemptionRepo;
  readonly inventory: InventoryRepo;
  /** The inventory across clusters and registries, for the dashboard's Inventory page. */
  readonly fleetInventory: FleetInventoryRepo;
  readonly metering: MeteringRepo;
  readonly assessments: AssessmentRepo;
  readonly images: ImageRepo;
  readonly scans: ScanRepo;
  readonly findings: FindingRepo;
  /** Open findings grouped by vulnerability: the by-CVE view. */
  readonly vulnerabilities: VulnerabilityRepo;
  readonly suppressionRules: SuppressionRuleRepo;
  readonly notificationChannels: NotificationChannelRepo;
  /** The query layer itself, for what the repositories do not cover yet. */
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

export function createStore(
  context: RepoContext,
  opened: {
    dialect: StoreDialect;
    location: string;
    migrated: readonly string[];
    close(): Promise<void>;
  }
): Store {
  return {
    dialect: opened.dialect,
    location: opened.location,
    migrated: opened.migrated,
    tokens: tokenRepo(context),
    webhookTokens: webhookTokenRepo(context),
    registries: registryRepo(context),
    clusters: clusterRepo(context),
    alerts: alertRepo(context),
    alertEvents: alertEventRepo(context),
    scheduleRuns: scheduleRunRepo(context),
    scoreHistory: scoreHistoryRepo(context),
    recommendations: recommendationRepo(context),
    exemptions: exemptionRepo(context),
    inventory: inventoryRepo(context),
    fleetInventory: fleetInventoryRepo(context),
    metering: meteringRepo(context),
    assessments: assessmentRepo(context),
    images: imageRepo(context),
    scans: scanRepo(context),
    findings: findingRepo(context),
    vulnerabilities: vulnerabilityRepo(context),
    suppressionRules: suppressionRuleRepo(context),
    notificationChannels: notificationChannelRepo(context),
    db: context.db,
    close: () => opened.close(),
  };
}
