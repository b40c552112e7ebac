import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import type { SuppressionRulesTable } from '../schema.js';
import type { RepoContext } from './context.js';
import {
  maxClustersPerRule,
  parseExpiry,
  parseSuppressionMatch,
  type SuppressionMatch,
} from './suppression-body.js';
import { requiredText } from './validate.js';

/** A detection exception kept by the platform: alerts it covers are stored dismissed. */
export interface SuppressionRule {
  id: string;
  match: SuppressionMatch;
  /** Cluster ids it applies to; every cluster when absent. */
  clusters?: string[];
  reason: string;
  /** ISO 8601; from then on the rule no longer applies. */
  expires?: string;
  createdBy: string;
  createdAt: string;
}

export interface NewSuppressionRule {
  match: SuppressionMatch;
  clusters?: string[];
  reason: string;
  /** An ISO date or date-time in the future. */
  expires?: string;
  createdBy: string;
}

export interface SuppressionRuleRepo {
  /** Refuses (InputError naming the field) a rule that scopes nothing or names unknown clusters. */
  add(input: NewSuppressionRule): Promise<SuppressionRule>;
  get(id: string): Promise<SuppressionRule>;
  /** Newest first, expired ones too. */
  list(): Promise<SuppressionRule[]>;
  /** The rules in force now: no expiry, or one still ahead. */
  live(): Promise<SuppressionRule[]>;
  remove(id: string): Promise<void>;
}

/** What the `body` column holds. */
interface StoredBody {
  match: SuppressionMatch;
  clusters?: string[];
}

function toRule(row: SuppressionRulesTable): SuppressionRule {
  const body = JSON.parse(row.body) as StoredBody;
  return {
    id: row.id,
    match: body.match,
    ...(body.clusters !== undefined ? { clusters: body.clusters } : {}),
    reason: row.reason,
    ...(row.expires !== null ? { expires: row.expires } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function suppressionRuleRepo({ db, now }: RepoContext): SuppressionRuleRepo {
  async function knownClusters(value: unknown): Promise<string[]> {
    if (!Array.isArray(value) || value.length === 0 || value.length > maxClustersPerRule) {
      throw new InputError(`clusters: a list of 1 to ${maxClustersPerRule} cluster ids`);
    }
    const ids = [
      ...new Set(value.map((id: unknown, index) => requiredText(id, `clusters.${index}`, 512))),
    ];
    const found = await db.selectFrom('clusters').select('id').where('id', 'in', ids).execute();
    const missing = ids.find((id) => !found.some((row) => row.id === id));
    if (missing !== undefined) {
      throw new InputError(`clusters: no cluster with id ${missing}`);
    }
    return ids;
  }

  return {
    async add(input) {
      const createdAt = now();
      const body: StoredBody = {
        match: parseSuppressionMatch(input.match),
        ...(input.clusters !== undefined ? { clusters: await knownClusters(input.clusters) } : {}),
      };
      const row: SuppressionRulesTable = {
        id: randomUUID(),
        body: JSON.stringify(body),
        reason: requiredText(input.reason, 'reason', 2048),
        expires: input.expires !== undefined ? parseExpiry(input.expires, createdAt) : null,
        created_by: requiredText(input.createdBy, 'createdBy', 512),
        created_at: createdAt,
      };
      await db.insertInto('suppression_rules').values(row).execute();
      return toRule(row);
    },

    async get(id) {
      const row = await db
        .selectFrom('suppression_rules')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no suppression rule with id ${id}`);
      }
      return toRule(row);
    },

    async list() {
      const rows = await db
        .selectFrom('suppression_rules')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRule);
    },

    async live() {
      const rows = await db
        .selectFrom('suppression_rules')
        .selectAll()
        .where((eb) => eb.or([eb('expires', 'is', null), eb('expires', '>', now())]))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRule);
    },

    async remove(id) {
      const result = await db
        .deleteFrom('suppression_rules')
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw new NotFoundError(`no suppression rule with id ${id}`);
      }
    },
  };
}
