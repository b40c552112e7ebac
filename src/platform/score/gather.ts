import { isRecord } from '../../core/is-record.js';
import type { Store } from '../store/index.js';
import type { ScannedImage, ScoreInputs } from './types.js';
import { severeFindings } from './weights.js';

/** `https://ghcr.io/` → `ghcr.io`; `127.0.0.1:5000` stays. */
export function registryHost(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
}

function parsedList(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Reads what the score is computed from, in a handful of grouped queries. */
export async function gatherScoreInputs(store: Store): Promise<ScoreInputs> {
  const { db } = store;
  // PostgreSQL answers count(*) as a string (bigint), SQLite as a number.
  const countAll = db.fn.countAll<number | string>().as('n');
  const [clusters, recommendations, openAlerts, images, severe, workloads] = await Promise.all([
    db.selectFrom('clusters').select(['id', 'name', 'config']).orderBy('name').execute(),
    db
      .selectFrom('recommendations')
      .select(['cluster_id', 'check_id', 'severity', 'status', countAll])
      .groupBy(['cluster_id', 'check_id', 'severity', 'status'])
      .execute(),
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
  ]);
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
    recommendations: recommendations.map((row) => ({
      clusterId: row.cluster_id,
      checkId: row.check_id,
      severity: row.severity,
      status: row.status,
      count: Number(row.n),
    })),
    openAlerts: openAlerts.map((row) => ({
      clusterId: row.cluster_id,
      severity: row.severity,
      count: Number(row.n),
    })),
    images: images.map((row): ScannedImage => ({
      id: row.id,
      host: registryHost(row.url),
      repository: row.repository,
      digest: row.digest,
      tags: parsedList(row.tags),
      severeOpen: severeByImage.get(row.id) ?? 0,
    })),
    workloads: workloads.map((row) => ({
      clusterId: row.cluster_id,
      images: parsedList(row.images),
    })),
  };
}
