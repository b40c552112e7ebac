import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import { newToken, tokenHash } from '../token-secret.js';
import type { Database } from '../schema.js';
import type { RepoContext } from './context.js';

export interface WebhookToken {
  id: string;
  clusterId: string;
  createdAt: string;
  revokedAt?: string;
}

/** Audit-webhook tokens: each one admits events for one cluster only. Stored hashed. */
export interface WebhookTokenRepo {
  create(clusterId: string): Promise<{ token: string; record: WebhookToken }>;
  /**
   * A new token for the cluster and every earlier one revoked, at once: what to do when the
   * token was lost or leaked, without removing the cluster and its history.
   */
  rotate(clusterId: string): Promise<{ token: string; record: WebhookToken }>;
  /** The cluster the token is for, or undefined for an unknown, malformed or revoked token. */
  verify(token: string): Promise<{ id: string; clusterId: string } | undefined>;
  revoke(id: string): Promise<void>;
  list(clusterId: string): Promise<WebhookToken[]>;
}

async function insert(
  db: Kysely<Database>,
  clusterId: string,
  createdAt: string
): Promise<{ token: string; record: WebhookToken }> {
  const token = newToken('palw');
  const record: WebhookToken = { id: randomUUID(), clusterId, createdAt };
  try {
    await db
      .insertInto('webhook_tokens')
      .values({
        id: record.id,
        cluster_id: clusterId,
        token_hash: tokenHash(token) ?? '',
        created_at: record.createdAt,
        revoked_at: null,
      })
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new NotFoundError(`no cluster with id ${clusterId}`, { cause: error });
    }
    throw error;
  }
  return { token, record };
}

export function webhookTokenRepo({ db, now }: RepoContext): WebhookTokenRepo {
  return {
    create: (clusterId) => insert(db, clusterId, now()),

    async rotate(clusterId) {
      return await db.transaction().execute(async (trx) => {
        const at = now();
        await trx
          .updateTable('webhook_tokens')
          .set({ revoked_at: at })
          .where('cluster_id', '=', clusterId)
          .where('revoked_at', 'is', null)
          .execute();
        return await insert(trx, clusterId, at);
      });
    },

    async verify(token) {
      const hash = tokenHash(token);
      if (hash === undefined) {
        return undefined;
      }
      const row = await db
        .selectFrom('webhook_tokens')
        .select(['id', 'cluster_id'])
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && { id: row.id, clusterId: row.cluster_id };
    },

    async revoke(id) {
      const row = await db
        .selectFrom('webhook_tokens')
        .select(['id', 'revoked_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no webhook token with id ${id}`);
      }
      if (row.revoked_at === null) {
        await db
          .updateTable('webhook_tokens')
          .set({ revoked_at: now() })
          .where('id', '=', id)
          .execute();
      }
    },

    async list(clusterId) {
      const rows = await db
        .selectFrom('webhook_tokens')
        .select(['id', 'cluster_id', 'created_at', 'revoked_at'])
        .where('cluster_id', '=', clusterId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        clusterId: row.cluster_id,
        createdAt: row.created_at,
        ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
      }));
    },
  };
}
