import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { ExemptionCategory, ExemptionsTable } from '../schema.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import {
  exemptionCategories,
  coveringExemption,
  exemptionStates,
  maxExemptionReason,
  toExemption,
  type Exemption,
  type ExemptionState,
} from './exemption-row.js';
import { cursorAfter, pageLimit, pageOf } from './keyset.js';
import { parseExpiry } from './suppression-body.js';
import { oneOf, requiredText } from './validate.js';

export interface NewExemption {
  /** Absent: every cluster. */
  clusterId?: string;
  check: string;
  /** `<kind>/<namespace>/<name>` (namespace empty for cluster-scoped kinds). */
  resource?: string;
  namespace?: string;
  category: ExemptionCategory;
  reason: string;
  /** An ISO date or date-time in the future; absent: never expires. */
  expiresAt?: string;
  createdBy: string;
}

export interface ExemptionQuery {
  /** The exemptions that apply to this cluster: its own and those for every cluster. */
  clusterId?: string;
  check?: string;
  state?: ExemptionState;
  /** 50 by default, at most 500. */
  limit?: number;
  cursor?: string;
}

export interface ExemptionRepo {
  /** Refuses bad input with an InputError naming the field (`clusterId` for an unknown cluster). */
  add(input: NewExemption): Promise<Exemption>;
  get(id: string): Promise<Exemption>;
  /** Newest first, expired ones too (their `state` says so); pass `nextCursor` as `cursor`. */
  list(query?: ExemptionQuery): Promise<Page<Exemption>>;
  /**
   * The exemptions in force at `at` (now by default): no expiry, or one still ahead; only those
   * of `checks` when given, and those applying to `clusterId` when given.
   */
  active(query?: {
    at?: string;
    clusterId?: string;
    checks?: readonly string[];
  }): Promise<Exemption[]>;
  remove(id: string): Promise<void>;
  /**
   * Per cluster and check, how many open failing recommendations an exemption active at `at`
   * (now by default) covers: what the secure score and the compliance view leave out.
   */
  coveredFailures(at?: string): Promise<CoveredFailures[]>;
}

export interface CoveredFailures {
  clusterId: string;
  check: string;
  count: number;
}

const sort = 'createdAt';
/** Check ids are kebab-case (`pss-privileged`). */
const checkPattern = /^[a-z0-9][a-z0-9.-]*$/;
/** `Kind/namespace/name`; the namespace is empty for cluster-scoped kinds. */
const resourcePattern = /^[A-Za-z][A-Za-z0-9]*\/[a-z0-9.-]*\/[^/\s]+$/;
/** A Kubernetes namespace: an RFC 1123 label. */
const namespacePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkId(value: unknown, field: string): string {
  const id = requiredText(value, field, 128);
  if (!checkPattern.test(id)) {
    throw new InputError(`${field}: a check id such as pss-privileged`);
  }
  return id;
}

function resourceKey(value: unknown): string {
  const key = requiredText(value, 'resource', 600);
  if (!resourcePattern.test(key)) {
    throw new InputError(
      'resource: <kind>/<namespace>/<name>, such as Pod/shop/web (ClusterRole//admin)'
    );
  }
  return key;
}

function namespaceName(value: unknown): string {
  const name = requiredText(value, 'namespace', 63);
  if (!namespacePattern.test(name)) {
    throw new InputError('namespace: a Kubernetes namespace name (lowercase letters, digits, -)');
  }
  return name;
}

export function exemptionRepo({ db, now }: RepoContext): ExemptionRepo {
  async function active(
    query: { at?: string; clusterId?: string; checks?: readonly string[] } = {}
  ): Promise<Exemption[]> {
    const at = query.at ?? now();
    const { clusterId, checks } = query;
    if (checks !== undefined && checks.length === 0) {
      return [];
    }
    let select = db
      .selectFrom('exemptions')
      .selectAll()
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]));
    if (clusterId !== undefined) {
      select = select.where((eb) =>
        eb.or([eb('cluster_id', '=', clusterId), eb('cluster_id', 'is', null)])
      );
    }
    if (checks !== undefined) {
      select = select.where('check_id', 'in', [...new Set(checks)]);
    }
    const rows = await select.orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => toExemption(row, at));
  }

  async function knownCluster(value: unknown): Promise<string> {
    const id = requiredText(value, 'clusterId', 512);
    const found = await db
      .selectFrom('clusters')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (found === undefined) {
      throw new InputError(`clusterId: no cluster with id ${id}`);
    }
    return id;
  }

  return {
    async add(input) {
      const createdAt = now();
      if (input.resource !== undefined && input.namespace !== undefined) {
        throw new InputError('resource: give one resource or a namespace, not both');
      }
      const row: ExemptionsTable = {
        id: randomUUID(),
        cluster_id: input.clusterId !== undefined ? await knownCluster(input.clusterId) : null,
        check_id: checkId(input.check, 'check'),
        resource_key: input.resource !== undefined ? resourceKey(input.resource) : null,
        namespace: input.namespace !== undefined ? namespaceName(input.namespace) : null,
        category: oneOf(input.category, exemptionCategories, 'category'),
        reason: requiredText(input.reason, 'reason', maxExemptionReason),
        expires_at:
          input.expiresAt !== undefined
            ? parseExpiry(input.expiresAt, createdAt, 'expiresAt')
            : null,
        created_by: requiredText(input.createdBy, 'createdBy', 512),
        created_at: createdAt,
      };
      try {
        await db.insertInto('exemptions').values(row).execute();
      } catch (error) {
        // The cluster was deleted between the check and the insert.
        if (isForeignKeyViolation(error)) {
          throw new InputError(`clusterId: no cluster with id ${row.cluster_id ?? ''}`, {
            cause: error,
          });
        }
        throw error;
      }
      return toExemption(row, createdAt);
    },

    async get(id) {
      const row = await db
        .selectFrom('exemptions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no exemption with id ${id}`);
      }
      return toExemption(row, now());
    },

    async list(query = {}) {
      const limit = pageLimit(query.limit);
      const at = now();
      let select = db.selectFrom('exemptions').selectAll();
      const { clusterId } = query;
      if (clusterId !== undefined) {
        select = select.where((eb) =>
          eb.or([eb('cluster_id', '=', clusterId), eb('cluster_id', 'is', null)])
        );
      }
      if (query.check !== undefined) {
        select = select.where('check_id', '=', checkId(query.check, 'check'));
      }
      if (query.state !== undefined) {
        const state = oneOf(query.state, exemptionStates, 'state');
        select =
          state === 'active'
            ? select.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
            : select.where('expires_at', '<=', at);
      }
      const after = cursorAfter(query.cursor, sort, 'string');
      if (after !== undefined) {
        const created = String(after.value);
        select = select.where((eb) =>
          eb.or([
            eb('created_at', '<', created),
            eb.and([eb('created_at', '=', created), eb('id', '<', after.id)]),
          ])
        );
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return pageOf(rows, limit, { sort, valueOf: (row) => row.created_at }, (row) =>
        toExemption(row, at)
      );
    },

    active,

    async remove(id) {
      const result = await db.deleteFrom('exemptions').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw new NotFoundError(`no exemption with id ${id}`);
      }
    },

    async coveredFailures(at = now()) {
      const exemptions = await active({ at });
      if (exemptions.length === 0) {
        return [];
      }
      // Only the checks some exemption names are read, whatever the size of the cluster.
      const failing = await db
        .selectFrom('recommendations')
        .where('status', '=', 'fail')
        .where('check_id', 'in', [...new Set(exemptions.map((exemption) => exemption.check))])
        .select(['cluster_id', 'check_id', 'resource_key', 'resource_namespace'])
        .execute();
      const counts = new Map<string, CoveredFailures>();
      for (const row of failing) {
        const covering = coveringExemption(exemptions, {
          clusterId: row.cluster_id,
          check: row.check_id,
          resourceKey: row.resource_key,
          ...(row.resource_namespace !== null ? { namespace: row.resource_namespace } : {}),
        });
        if (covering !== undefined) {
          const key = `${row.cluster_id} ${row.check_id}`;
          const found = counts.get(key) ?? {
            clusterId: row.cluster_id,
            check: row.check_id,
            count: 0,
          };
          found.count += 1;
          counts.set(key, found);
        }
      }
      return [...counts.values()];
    },
  };
}
