import { isRecord } from '../../core/is-record.js';
import { registryHost } from '../scan-pipeline/index.js';
import type { Store } from '../store/index.js';
import { imageMatcher } from './image-match.js';

/** One container of a workload, as the latest assessment saw it, that runs a scanned image. */
export interface RunningContainer {
  clusterId: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  container: string;
  /** The image as the workload's spec names it. */
  image: string;
}

interface Candidate {
  id: string;
  host: string;
  repository: string;
  digest: string;
  tags: string[];
}

/** Each container entry of a workload row: its name and every reference it runs by. */
function containersOf(text: string): { container: string; image: string; references: string[] }[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry['image'] !== 'string') {
      return [];
    }
    const image = entry['image'];
    const digests = Array.isArray(entry['digests']) ? entry['digests'] : [];
    return [
      {
        container: typeof entry['container'] === 'string' ? entry['container'] : '',
        image,
        // The digests the pods report match a scanned image whatever tag it was pushed as.
        references: [
          image,
          ...digests
            .filter((digest): digest is string => typeof digest === 'string')
            .map((digest) => `${image.replace(/@.*$/, '')}@${digest}`),
        ],
      },
    ];
  });
}

function hostOf(url: string): string | undefined {
  try {
    return registryHost(url).host;
  } catch {
    // A registry whose URL no longer parses has no image reference to match.
    return undefined;
  }
}

/**
 * The running containers of every cluster's workloads that run each of the given images, by
 * the image matching the score uses (digest, else registry, repository and tag).
 */
export async function runningContainers(
  store: Store,
  imageIds: readonly string[]
): Promise<Map<string, RunningContainer[]>> {
  const found = new Map<string, RunningContainer[]>(imageIds.map((id) => [id, []]));
  if (imageIds.length === 0) {
    return found;
  }
  const [images, workloads, clusters] = await Promise.all([
    store.db
      .selectFrom('images')
      .innerJoin('registries', 'registries.id', 'images.registry_id')
      .where('images.id', 'in', [...imageIds])
      .select(['images.id', 'registries.url', 'images.repository', 'images.digest', 'images.tags'])
      .execute(),
    store.db
      .selectFrom('workloads')
      .select(['cluster_id', 'namespace', 'kind', 'name', 'images'])
      .orderBy('cluster_id')
      .orderBy('namespace')
      .orderBy('kind')
      .orderBy('name')
      .execute(),
    store.db.selectFrom('clusters').select(['id', 'name']).execute(),
  ]);
  const candidates = images.flatMap((image): Candidate[] => {
    const host = hostOf(image.url);
    return host === undefined
      ? []
      : [
          {
            id: image.id,
            host,
            repository: image.repository,
            digest: image.digest,
            tags: JSON.parse(image.tags) as string[],
          },
        ];
  });
  const match = imageMatcher(candidates);
  const clusterNames = new Map(clusters.map(({ id, name }) => [id, name]));
  for (const workload of workloads) {
    for (const entry of containersOf(workload.images)) {
      for (const image of match(entry.references)) {
        found.get(image.id)?.push({
          clusterId: workload.cluster_id,
          cluster: clusterNames.get(workload.cluster_id) ?? workload.cluster_id,
          namespace: workload.namespace,
          kind: workload.kind,
          name: workload.name,
          container: entry.container,
          image: entry.image,
        });
      }
    }
  }
  return found;
}

/** Distinct workloads (cluster, namespace, kind, name) among running containers. */
export function workloadCount(containers: Iterable<RunningContainer>): number {
  const keys = new Set<string>();
  for (const running of containers) {
    keys.add(`${running.clusterId}\n${running.namespace}\n${running.kind}\n${running.name}`);
  }
  return keys.size;
}
