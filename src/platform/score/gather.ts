import { isRecord } from '../../core/is-record.js';
import type { Store } from '../store/index.js';
import { containerReferences, registryHostOf } from './image-match.js';
import type { ScannedImage, ScoreInputs } from './types.js';
import { severeFindings } from './weights.js';

function parsedTags(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** The references a workload row runs: each container's (`containerReferences`). */
function workloadReferences(text: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry['image'] !== 'string') {
      return [];
    }
    const digests = Array.isArray(entry['digests']) ? (entry['digests'] as unknown[]) : [];
    return containerReferences(entry['image'], digests);
  });
}

/** Reads what the score is computed from, in a handful of grouped queries. */
export async function gatherScoreInputs(store: Store): Promise<ScoreInputs> {
  const { db } = store;
  // PostgreSQL answers count(*) as a string (bigint), SQLite as a number.
  const countAll = db.fn.countAll<number | string>().as('n');
  const [clusters, latestRuns, openAlerts, images, severe, workloads, covered] = await Promise.all([
    db.selectFrom('clusters').select(['id', 'name', 'config']).orderBy('name').execute(),
    store.assessments.latestSucceeded(),
    db
      .selectFrom('alerts')
      .where('status', 'in', ['new', 'in_progress'])
      .select(['cluster_id', 'severity', countAll])
      .groupBy(['cluster_id', 'severity'])
      .execute(),
    db
      .selectFrom('images')
      .innerJoin('registries', 'registries.id', 'images.registry_id')
      .where('images.last_scanned_at', 'is not', null)
      .select(['images.id', 'registries.url', 'images.repository', 'images.digest', 'images.tags'])
      .execute(),
    db
      .selectFrom('findings')
      .where('fixed_at', 'is', null)
      .where('severity', 'in', [...severeFindings])
      .select(['image_id', countAll])
      .groupBy('image_id')
      .execute(),
    db.selectFrom('workloads').select(['cluster_id', 'images']).execute(),
    store.exemptions.coveredFailures(),
  ]);
  const exemptedBy = new Map(covered.map((row) => [`${row.clusterId} ${row.check}`, row.count]));
  const severeByImage = new Map(severe.map((row) => [row.image_id, Number(row.n)]));
  return {
    clusters: clusters.map((row) => {
      const config: unknown = JSON.parse(row.config);
      const accountId = isRecord(config) ? config['accountId'] : undefined;
      return {
        id: row.id,
        name: row.name,
        ...(typeof accountId === 'string' && accountId !== '' ? { accountId } : {}),
      };
    }),
    checks: latestRuns.flatMap((run) =>
      run.checks.map((tally) => ({
        clusterId: run.clusterId,
        checkId: tally.check,
        severity: tally.severity,
        passed: tally.passed,
        failed: tally.failed,
        // A failing row the latest run did not judge (its kind could not be read whole) can be
        // exempted too; the run's own count bounds it.
        exempted: Math.min(tally.failed, exemptedBy.get(`${run.clusterId} ${tally.check}`) ?? 0),
      }))
    ),
    openAlerts: openAlerts.map((row) => ({
      clusterId: row.cluster_id,
      severity: row.severity,
      count: Number(row.n),
    })),
    images: images.flatMap((row): ScannedImage[] => {
      const host = registryHostOf(row.url);
      return host === undefined
        ? []
        : [
            {
              id: row.id,
              host,
              repository: row.repository,
              digest: row.digest,
              tags: parsedTags(row.tags),
              severeOpen: severeByImage.get(row.id) ?? 0,
            },
          ];
    }),
    workloads: workloads.map((row) => ({
      clusterId: row.cluster_id,
      images: workloadReferences(row.images),
    })),
  };
}
