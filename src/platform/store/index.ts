import { UsageError } from '../../core/errors.js';
import { storeDrivers } from './api.js';
import { isoTime } from './clock.js';
import { migrate } from './migrations/index.js';
import { secretBoxFromEnv } from './secret-box.js';
import { createStore, type Store } from './store.js';
import type { StoreDriver, StoreOptions } from './types.js';

export type { Store } from './store.js';
export type { StoreDialect, StoreDriver, StoreOptions } from './types.js';
export type { AlertStatus, TokenRole } from './schema.js';
export type { ApiToken, TokenRepo, VerifiedToken } from './repos/tokens.js';
export type { WebhookToken, WebhookTokenRepo } from './repos/webhook-tokens.js';
export type {
  NewRegistry,
  Registry,
  RegistryRepo,
  RegistryWithSecret,
} from './repos/registries.js';
export type { Cluster, ClusterRepo, ClusterSource, NewCluster } from './repos/clusters.js';
export type {
  AlertRepo,
  AlertTrendDay,
  AlertTrendQuery,
  Page,
  RecordedAlert,
  RecordOptions,
} from './repos/alerts.js';
export type {
  NewSuppressionRule,
  SuppressionRule,
  SuppressionRuleRepo,
} from './repos/suppression-rules.js';
export type { SuppressionMatch } from './repos/suppression-body.js';
export type {
  ChannelChange,
  ChannelWithConfig,
  Delivery,
  NewChannel,
  NotificationChannel,
  NotificationChannelRepo,
} from './repos/notification-channels.js';
export type { DeliveryStatus } from './schema.js';
export {
  matchDimensions,
  maxClustersPerRule,
  maxGlobLength,
  maxGlobsPerDimension,
} from './repos/suppression-body.js';
export type { AlertQuery, AlertSort } from './repos/alert-list.js';
export type { StoredAlert } from './repos/alert-row.js';
export type { AlertEvent, AlertEventRepo } from './repos/alert-events.js';
export { alertEventCap, alertEventMaxBytes } from './repos/alert-events.js';
export type { ScheduleRun, ScheduleRunRepo } from './repos/schedule-runs.js';
export type {
  RecordedScore,
  ScoreHistoryQuery,
  ScoreHistoryRepo,
  ScorePoint,
  ScoreScope,
} from './repos/score-history.js';
export { scoreScopes } from './repos/score-history.js';
export { tokenRoles } from './repos/tokens.js';
export { clusterSources } from './repos/clusters.js';
export { alertStatuses } from './repos/alert-row.js';
export { alertSorts, defaultPageSize, maxPageSize } from './repos/alert-list.js';
export { secretKeyVariable } from './secret-box.js';
export type { ClusterConnection } from './repos/clusters.js';
export type { KubeconfigContextConfig } from './repos/cluster-config.js';
export type {
  RecommendationCounts,
  RecommendationQuery,
  RecommendationRepo,
} from './repos/recommendations.js';
export type {
  Recommendation,
  RecommendationControl,
  RecommendationResult,
} from './repos/recommendation-row.js';
export { recommendationStatuses } from './repos/recommendation-row.js';
export type {
  CoveredFailures,
  ExemptionQuery,
  ExemptionRepo,
  NewExemption,
} from './repos/exemptions.js';
export type { Exemption, ExemptionState, ExemptionTarget } from './repos/exemption-row.js';
export {
  coveringExemption,
  exemptionCategories,
  exemptionCovers,
  exemptionStates,
  maxExemptionReason,
} from './repos/exemption-row.js';
export type { ExemptionCategory } from './schema.js';
export type { ApplySummary, AssessmentOutcome } from './repos/recommendation-fold.js';
export type {
  InventoryImage,
  InventoryNode,
  InventoryRepo,
  InventoryWorkload,
  StoredNode,
  StoredWorkload,
  WorkloadQuery,
} from './repos/inventory.js';
export type {
  ClusterInventoryCounts,
  FleetInventoryRepo,
  FleetWorkloadQuery,
  NodeGroupSummary,
  NodeQuery,
  RegistryInventoryCounts,
} from './repos/fleet-inventory.js';
export { maxSearchLength } from './repos/search.js';
export type { MeteringDay, MeteringMonth, MeteringQuery, MeteringRepo } from './repos/metering.js';
export type {
  AssessmentCounts,
  AssessmentRepo,
  AssessmentRun,
  CheckTally,
  FinishedRun,
} from './repos/assessments.js';
export type { AssessmentStatus, RecommendationStatus } from './schema.js';
export type { ScanStatus, ScanTrigger } from './schema.js';
export type { Image, ImageCandidate, ImageQuery, ImageRepo, NewImage } from './repos/images.js';
export type { Scan, ScanOutcome, ScanQuery, ScanRepo } from './repos/scans.js';
export type {
  FindingChanges,
  FindingQuery,
  FindingRepo,
  FindingSort,
  FindingState,
  NewFinding,
  SeverityCounts,
  StoredExploited,
  StoredFinding,
} from './repos/findings.js';
export type {
  AffectedImage,
  VulnerabilityQuery,
  VulnerabilityRepo,
  VulnerabilitySort,
  VulnerabilitySummary,
} from './repos/vulnerabilities.js';
export { vulnerabilitySorts } from './repos/vulnerabilities.js';
export { scanStatuses, scanTriggers } from './repos/scans.js';
export { findingSorts, findingStates } from './repos/findings.js';

/** The default: `<data dir>/palisade.db`. */
export const defaultStoreUrl = 'sqlite:';

export function driverFor(url: string): StoreDriver {
  for (const driver of storeDrivers.values()) {
    if (driver.matches(url)) {
      return driver;
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url;
  throw new UsageError(
    `unsupported database ${JSON.stringify(scheme)}: use postgres://user@host:5432/db, sqlite:PATH or a file path`
  );
}

/**
 * Opens the store a URL names (`postgres://…`, `postgresql://…`, `sqlite:PATH`, a bare path, or
 * nothing for the default SQLite file), brings its schema up to date and returns it.
 */
export async function openStore(
  url: string = defaultStoreUrl,
  options: StoreOptions = {}
): Promise<Store> {
  const driver = driverFor(url);
  // A malformed key fails before anything is opened; a missing one only when a secret comes.
  const secretBox = secretBoxFromEnv(options.env ?? process.env);
  const opened = await driver.open(url, options);
  try {
    const migrated = await opened.withMigrationLock((db) => migrate(db));
    const clock = options.now ?? (() => new Date());
    return createStore(
      { db: opened.db, now: () => isoTime(clock()), secretBox },
      { dialect: opened.dialect, location: opened.location, migrated, close: () => opened.close() }
    );
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
}
