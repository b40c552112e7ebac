import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { SecretBox } from '../secret-box.js';

/** What every repository is built from. */
export interface RepoContext {
  db: Kysely<Database>;
  /** Now, in the store's spelling (ISO 8601 UTC with milliseconds). */
  now: () => string;
  /** Undefined without `PALISADE_SECRET_KEY`. */
  secretBox: SecretBox | undefined;
}
