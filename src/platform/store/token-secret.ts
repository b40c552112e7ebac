import { createHash, randomBytes } from 'node:crypto';

/** Tokens longer than this are refused before hashing: no token we issue comes close. */
const maxTokenLength = 256;

/** A new bearer token: a readable prefix (what it is for) and 256 random bits. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * What the store keeps instead of the token: its sha-256, hex. Lookups go by this hash
 * through a unique index, so the time they take does not depend on how much of a guess is right.
 */
export function tokenHash(token: string): string | undefined {
  if (token.length === 0 || token.length > maxTokenLength) {
    return undefined;
  }
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
