import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { uniqueViolationColumns } from '../db-errors.js';
import type { RegistriesTable } from '../schema.js';
import { missingSecretKey } from '../secret-box.js';
import type { RepoContext } from './context.js';
import { requiredText, secretText } from './validate.js';

export interface Registry {
  id: string;
  name: string;
  /** As the user gave it: `https://ghcr.io`, `127.0.0.1:5000`. */
  url: string;
  username?: string;
  /** Whether a secret is stored; the secret itself comes only from `get`. */
  hasSecret: boolean;
  createdAt: string;
}

export interface RegistryWithSecret extends Registry {
  /** The password or token, decrypted. */
  secret?: string;
}

export interface NewRegistry {
  name: string;
  url: string;
  username?: string;
  secret?: string;
}

/** OCI registries and their credentials, the secret sealed at rest (see `secret-box.ts`). */
export interface RegistryRepo {
  /** A secret without `PALISADE_SECRET_KEY` is a UsageError; a taken name an InputError. */
  add(input: NewRegistry): Promise<Registry>;
  /** With the secret decrypted: for the scanner, never for an API response. */
  get(id: string): Promise<RegistryWithSecret>;
  /** By name, without secrets. */
  list(): Promise<Registry[]>;
  /** Its repositories, images, scans and findings go with it. */
  remove(id: string): Promise<void>;
}

function toRegistry(
  row: Omit<RegistriesTable, 'secret_ciphertext'> & { has_secret: boolean }
): Registry {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    ...(row.username !== null ? { username: row.username } : {}),
    hasSecret: row.has_secret,
    createdAt: row.created_at,
  };
}

export function registryRepo({ db, now, secretBox }: RepoContext): RegistryRepo {
  return {
    async add(input) {
      const id = randomUUID();
      const name = requiredText(input.name, 'name');
      let sealed: string | null = null;
      if (input.secret !== undefined) {
        if (secretBox === undefined) {
          throw missingSecretKey(`the secret of registry ${JSON.stringify(name)}`);
        }
        sealed = secretBox.seal(secretText(input.secret), id);
      }
      const row: RegistriesTable = {
        id,
        name,
        url: requiredText(input.url, 'url', 2048),
        username: input.username !== undefined ? requiredText(input.username, 'username') : null,
        secret_ciphertext: sealed,
        created_at: now(),
      };
      try {
        await db.insertInto('registries').values(row).execute();
      } catch (error) {
        if (uniqueViolationColumns(error)?.includes('name') === true) {
          throw new InputError(`name: a registry named ${JSON.stringify(name)} already exists`, {
            cause: error,
          });
        }
        throw error;
      }
      return toRegistry({ ...row, has_secret: sealed !== null });
    },

    async get(id) {
      const row = await db
        .selectFrom('registries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no registry with id ${id}`);
      }
      const registry = toRegistry({ ...row, has_secret: row.secret_ciphertext !== null });
      if (row.secret_ciphertext === null) {
        return registry;
      }
      if (secretBox === undefined) {
        throw missingSecretKey(`the stored secret of registry ${JSON.stringify(row.name)}`);
      }
      return { ...registry, secret: secretBox.open(row.secret_ciphertext, row.id) };
    },

    async list() {
      const rows = await db
        .selectFrom('registries')
        .select(['id', 'name', 'url', 'username', 'created_at', 'secret_ciphertext'])
        .orderBy('name')
        .execute();
      return rows.map(({ secret_ciphertext: sealed, ...row }) =>
        toRegistry({ ...row, has_secret: sealed !== null })
      );
    },

    async remove(id) {
      const result = await db.deleteFrom('registries').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw new NotFoundError(`no registry with id ${id}`);
      }
    },
  };
}
