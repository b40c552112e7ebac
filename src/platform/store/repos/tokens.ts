import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import type { ApiTokensTable, TokenRole } from '../schema.js';
import { newToken, tokenHash } from '../token-secret.js';
import type { RepoContext } from './context.js';
import { oneOf, requiredText } from './validate.js';

export const tokenRoles: readonly TokenRole[] = ['reader', 'operator', 'admin'];

/** `last_used_at` is rewritten at most this often, so requests do not each cost a write. */
const lastUsedResolutionMs = 60_000;

export interface ApiToken {
  id: string;
  name: string;
  role: TokenRole;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

export interface VerifiedToken {
  id: string;
  name: string;
  role: TokenRole;
}

/** API tokens with roles. Only their sha-256 is stored; `create` returns the token, once. */
export interface TokenRepo {
  /**
   * `token`, when given, is adopted instead of a new one (an operator's `PALISADE_ADMIN_TOKEN`):
   * at least 32 characters, no white space.
   */
  create(input: {
    name: string;
    role: TokenRole;
    token?: string;
  }): Promise<{ token: string; record: ApiToken }>;
  /** Who the token is, or undefined for an unknown, malformed or revoked token. */
  verify(token: string): Promise<VerifiedToken | undefined>;
  /** Revoking twice keeps the first time; an unknown id is a NotFoundError. */
  revoke(id: string): Promise<void>;
  /** Oldest first, revoked ones included, never a hash. */
  list(): Promise<ApiToken[]>;
}

function toApiToken(row: Omit<ApiTokensTable, 'token_hash'>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    ...(row.last_used_at !== null ? { lastUsedAt: row.last_used_at } : {}),
    ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
  };
}

const publicColumns = ['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'] as const;

function isStale(lastUsedAt: string | null, now: string): boolean {
  return lastUsedAt === null || Date.parse(now) - Date.parse(lastUsedAt) >= lastUsedResolutionMs;
}

export function tokenRepo({ db, now }: RepoContext): TokenRepo {
  return {
    async create(input) {
      if (input.token !== undefined && !/^\S{32,256}$/.test(input.token)) {
        throw new InputError('token: a token given must be 32 to 256 characters without spaces');
      }
      const token = input.token ?? newToken('pal');
      const row: ApiTokensTable = {
        id: randomUUID(),
        name: requiredText(input.name, 'name'),
        role: oneOf(input.role, tokenRoles, 'role'),
        token_hash: tokenHash(token) ?? '',
        created_at: now(),
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_tokens').values(row).execute();
      return { token, record: toApiToken(row) };
    },

    async verify(token) {
      const hash = tokenHash(token);
      if (hash === undefined) {
        return undefined;
      }
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'role', 'last_used_at'])
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) {
        return undefined;
      }
      const at = now();
      if (isStale(row.last_used_at, at)) {
        await db
          .updateTable('api_tokens')
          .set({ last_used_at: at })
          .where('id', '=', row.id)
          .execute();
      }
      return { id: row.id, name: row.name, role: row.role };
    },

    async revoke(id) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) {
        return;
      }
      const known = await db
        .selectFrom('api_tokens')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (known === undefined) {
        throw new NotFoundError(`no API token with id ${id}`);
      }
    },

    async list() {
      const rows = await db
        .selectFrom('api_tokens')
        .select(publicColumns)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toApiToken);
    },
  };
}
