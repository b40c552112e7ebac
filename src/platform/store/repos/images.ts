import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { ImagesTable } from '../schema.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import { cursorAfter, pageLimit, pageOf } from './keyset.js';
import { containsAny, searchPattern } from './search.js';
import { requiredText } from './validate.js';

/** An image by digest in one repository of one registry. */
export interface Image {
  id: string;
  registryId: string;
  repository: string;
  digest: string;
  /** Tags seen pointing at this digest, sorted; a tag moved elsewhere stays listed. */
  tags: string[];
  createdAt: string;
  lastScannedAt?: string;
  /** The build time of the advisory database the findings were last matched against. */
  advisoriesBuiltAt?: string;
  /** Whether an SBOM is stored (the SBOM itself comes from `sbom`). */
  hasSbom: boolean;
}

export interface NewImage {
  registryId: string;
  repository: string;
  digest: string;
  tags: readonly string[];
}

export interface ImageQuery {
  registryId?: string;
  repository?: string;
  digest?: string;
  /** Anywhere in the repository, a tag or the digest, case-insensitively. */
  search?: string;
  /** Newest first, by when the image was first seen. */
  limit?: number;
  cursor?: string;
}

export interface ImageRepo {
  /**
   * Stores the image, or adds the tags to the one stored by registry, repository and digest.
   * `created` says which.
   */
  upsert(input: NewImage): Promise<{ image: Image; created: boolean }>;
  get(id: string): Promise<Image>;
  list(query?: ImageQuery): Promise<Page<Image>>;
  /** The stored CycloneDX JSON, or undefined when none is stored yet. */
  sbom(id: string): Promise<string | undefined>;
  /** Stores the SBOM of a scan and when it was taken. */
  setSbom(id: string, sbom: string, scannedAt: string): Promise<void>;
  /** Records which advisory database build the image's findings now reflect (null: none). */
  setAdvisories(id: string, builtAt: string | null): Promise<void>;
  /** Ids of images with an SBOM, a page at a time (by id), for re-matching. */
  withSbom(after: string | undefined, limit: number): Promise<string[]>;
  /** A registry's repositories, by name, with how many images each holds. */
  repositories(registryId: string): Promise<RepositorySummary[]>;
  /**
   * Images that a set of references may name: those with one of `digests`, or in one of
   * `repositories` (of any registry), with their registry's URL, for matching by host and tag.
   */
  candidates(refs: {
    digests: readonly string[];
    repositories: readonly string[];
  }): Promise<ImageCandidate[]>;
}

export interface ImageCandidate {
  id: string;
  registryUrl: string;
  repository: string;
  digest: string;
  tags: string[];
}

/** Values per `in (…)` list: well under either database's limit on bound parameters. */
const inChunk = 500;

export interface RepositorySummary {
  repository: string;
  images: number;
  /** The latest scan of any of its images; absent before the first. */
  lastScannedAt?: string;
}

const digestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const maxTags = 1000;

type ImageRow = Omit<ImagesTable, 'sbom'> & { has_sbom: number | boolean };

function toImage(row: ImageRow): Image {
  return {
    id: row.id,
    registryId: row.registry_id,
    repository: row.repository,
    digest: row.digest,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    ...(row.last_scanned_at !== null ? { lastScannedAt: row.last_scanned_at } : {}),
    ...(row.advisories_built_at !== null ? { advisoriesBuiltAt: row.advisories_built_at } : {}),
    hasSbom: Boolean(row.has_sbom),
  };
}

function checkTags(tags: readonly string[]): string[] {
  if (tags.length > maxTags) {
    throw new InputError(`tags: at most ${maxTags}`);
  }
  return tags.map((tag) => requiredText(tag, 'tags', 128));
}

export function imageRepo({ db, now }: RepoContext): ImageRepo {
  const columns = [
    'id',
    'registry_id',
    'repository',
    'digest',
    'tags',
    'created_at',
    'last_scanned_at',
    'advisories_built_at',
  ] as const;
  const select = () =>
    db
      .selectFrom('images')
      .select(columns)
      .select((eb) => eb.case().when('sbom', 'is not', null).then(1).else(0).end().as('has_sbom'));

  async function get(id: string): Promise<Image> {
    const row = await select().where('id', '=', id).executeTakeFirst();
    if (row === undefined) {
      throw new NotFoundError(`no image with id ${id}`);
    }
    return toImage(row);
  }

  return {
    async upsert(input) {
      const repository = requiredText(input.repository, 'repository', 255);
      const digest = requiredText(input.digest, 'digest', 200);
      if (!digestPattern.test(digest)) {
        throw new InputError('digest: not a digest (algorithm:hex)');
      }
      const tags = checkTags(input.tags);
      const id = randomUUID();
      try {
        const inserted = await db
          .insertInto('images')
          .values({
            id,
            registry_id: input.registryId,
            repository,
            digest,
            tags: JSON.stringify([...new Set(tags)].sort()),
            sbom: null,
            created_at: now(),
            last_scanned_at: null,
            advisories_built_at: null,
          })
          .onConflict((conflict) =>
            conflict.columns(['registry_id', 'repository', 'digest']).doNothing()
          )
          .returning('id')
          .executeTakeFirst();
        if (inserted !== undefined) {
          return { image: await get(id), created: true };
        }
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no registry with id ${input.registryId}`, { cause: error });
        }
        throw error;
      }
      const existing = await select()
        .where('registry_id', '=', input.registryId)
        .where('repository', '=', repository)
        .where('digest', '=', digest)
        .executeTakeFirstOrThrow();
      const known = JSON.parse(existing.tags) as string[];
      const merged = [...new Set([...known, ...tags])].sort();
      if (merged.length !== known.length) {
        await db
          .updateTable('images')
          .set({ tags: JSON.stringify(merged) })
          .where('id', '=', existing.id)
          .execute();
      }
      return { image: toImage({ ...existing, tags: JSON.stringify(merged) }), created: false };
    },

    get,

    async list(query = {}) {
      const limit = pageLimit(query.limit);
      const after = cursorAfter(query.cursor, 'createdAt', 'string');
      let rows = select();
      if (query.registryId !== undefined) {
        rows = rows.where('registry_id', '=', query.registryId);
      }
      if (query.repository !== undefined) {
        rows = rows.where('repository', '=', query.repository);
      }
      if (query.digest !== undefined) {
        rows = rows.where('digest', '=', query.digest);
      }
      if (query.search !== undefined) {
        rows = rows.where(
          containsAny(['repository', 'tags', 'digest'], searchPattern(query.search))
        );
      }
      if (after !== undefined) {
        const value = String(after.value);
        rows = rows.where((eb) =>
          eb.or([
            eb('created_at', '<', value),
            eb.and([eb('created_at', '=', value), eb('id', '<', after.id)]),
          ])
        );
      }
      const found = await rows
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return pageOf(found, limit, { sort: 'createdAt', valueOf: (row) => row.created_at }, toImage);
    },

    async sbom(id) {
      const row = await db
        .selectFrom('images')
        .select('sbom')
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no image with id ${id}`);
      }
      return row.sbom ?? undefined;
    },

    async setSbom(id, sbom, scannedAt) {
      const result = await db
        .updateTable('images')
        .set({ sbom, last_scanned_at: scannedAt })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) {
        throw new NotFoundError(`no image with id ${id}`);
      }
    },

    async setAdvisories(id, builtAt) {
      await db
        .updateTable('images')
        .set({ advisories_built_at: builtAt })
        .where('id', '=', id)
        .execute();
    },

    async repositories(registryId) {
      const rows = await db
        .selectFrom('images')
        .where('registry_id', '=', registryId)
        .select((eb) => [
          'repository',
          eb.fn.countAll<number | string>().as('images'),
          eb.fn.max('last_scanned_at').as('last_scanned_at'),
        ])
        .groupBy('repository')
        .orderBy('repository')
        .execute();
      return rows.map((row) => ({
        repository: row.repository,
        images: Number(row.images),
        ...(row.last_scanned_at !== null ? { lastScannedAt: row.last_scanned_at } : {}),
      }));
    },

    async candidates({ digests, repositories }) {
      const found = new Map<string, ImageCandidate>();
      const lists: ['images.digest' | 'images.repository', string[]][] = [
        ['images.digest', [...new Set(digests)]],
        ['images.repository', [...new Set(repositories)]],
      ];
      for (const [column, values] of lists) {
        for (let start = 0; start < values.length; start += inChunk) {
          const rows = await db
            .selectFrom('images')
            .innerJoin('registries', 'registries.id', 'images.registry_id')
            .select([
              'images.id',
              'registries.url',
              'images.repository',
              'images.digest',
              'images.tags',
            ])
            .where(column, 'in', values.slice(start, start + inChunk))
            .execute();
          for (const row of rows) {
            found.set(row.id, {
              id: row.id,
              registryUrl: row.url,
              repository: row.repository,
              digest: row.digest,
              tags: JSON.parse(row.tags) as string[],
            });
          }
        }
      }
      return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
    },

    async withSbom(after, limit) {
      let rows = db.selectFrom('images').select('id').where('sbom', 'is not', null);
      if (after !== undefined) {
        rows = rows.where('id', '>', after);
      }
      return (await rows.orderBy('id').limit(limit).execute()).map((row) => row.id);
    },
  };
}
