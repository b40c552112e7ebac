import { severityOrder } from '../../core/finding.js';
import type { InventoryImage, SeverityCounts, Store, StoredWorkload } from '../store/index.js';
import {
  containerReferences,
  imagesRun,
  pinnedDigest,
  registryHostOf,
  splitReference,
} from './image-match.js';
import type { ScannedImage } from './types.js';

/** A stored image a container runs, with its open findings per severity. */
export interface RunImage {
  id: string;
  repository: string;
  digest: string;
  tags: string[];
  findings: SeverityCounts;
}

export type ContainerWithImages = InventoryImage & { scanned: RunImage[] };

/** A workload, each container with the stored images it runs, and the open critical and high. */
export type WorkloadWithFindings<W extends StoredWorkload> = Omit<W, 'images'> & {
  images: ContainerWithImages[];
  /** Open critical and high findings of the distinct images it runs. */
  findings: { critical: number; high: number };
};

/**
 * Matches a page of workloads' containers to stored images as the score does (a pinned or
 * running digest, else registry host, repository and tag: `image-match.ts`), in three queries
 * for the page whatever its size.
 */
export async function withImageFindings<W extends StoredWorkload>(
  store: Store,
  workloads: readonly W[]
): Promise<WorkloadWithFindings<W>[]> {
  const references = workloads.map((workload) =>
    workload.images.map((image) => containerReferences(image.image, image.digests))
  );
  const digests = new Set<string>();
  const repositories = new Set<string>();
  for (const reference of references.flat(2)) {
    const digest = pinnedDigest(reference);
    if (digest !== undefined) {
      digests.add(digest);
    }
    repositories.add(splitReference(reference.replace(/@.*$/, '')).repository);
  }
  const candidates = await store.images.candidates({
    digests: [...digests],
    repositories: [...repositories],
  });
  const scanned = candidates.flatMap((candidate): (ScannedImage & { tags: string[] })[] => {
    const host = registryHostOf(candidate.registryUrl);
    return host === undefined ? [] : [{ ...candidate, host, severeOpen: 0 }];
  });
  const matches = references.map((containers) =>
    containers.map((refs) => [...imagesRun(refs, scanned)].sort((a, b) => a.id.localeCompare(b.id)))
  );
  const counts = await store.findings.countsOf([
    ...new Set(matches.flat(2).map((image) => image.id)),
  ]);
  return workloads.map((workload, w) => {
    const seen = new Map<string, SeverityCounts>();
    const images = workload.images.map((image, c) => ({
      ...image,
      scanned: (matches[w]?.[c] ?? []).map((match) => {
        // countsOf answers every id it was asked about; the fallback only satisfies the type.
        const findings =
          counts.get(match.id) ??
          (Object.fromEntries(severityOrder.map((s) => [s, 0])) as SeverityCounts);
        seen.set(match.id, findings);
        return {
          id: match.id,
          repository: match.repository,
          digest: match.digest,
          tags: [...match.tags],
          findings,
        };
      }),
    }));
    const totals = [...seen.values()];
    return {
      ...workload,
      images,
      findings: {
        critical: totals.reduce((sum, found) => sum + found.critical, 0),
        high: totals.reduce((sum, found) => sum + found.high, 0),
      },
    };
  });
}
