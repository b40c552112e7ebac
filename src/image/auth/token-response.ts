import { z } from 'zod';
import { parseJson } from '../../core/parse.js';

/** A token service answer is small; anything near this is not one. */
export const maxTokenResponseBytes = 1024 * 1024;

/** Per the token spec, a token that states no lifetime lasts 60 seconds. */
const defaultLifetimeSeconds = 60;

const TokenResponse = z
  .object({
    token: z.string().optional(),
    access_token: z.string().optional(),
    expires_in: z.number().nonnegative().optional(),
  })
  .loose()
  .refine((value) => Boolean(value.token ?? value.access_token), {
    error: 'has neither "token" nor "access_token"',
  });

export interface BearerToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * Reads a token service response. `requestedAt` is taken before the request was sent, so
 * clock skew and latency shorten the token's life rather than stretch it.
 */
export function parseTokenResponse(
  body: Uint8Array,
  requestedAt: number,
  what: string
): BearerToken {
  const parsed = parseJson(TokenResponse, body, what);
  // `access_token` is the OAuth2 name; `token` the Docker one. Prefer OAuth2 when both exist.
  const token = parsed.access_token ?? parsed.token ?? '';
  const lifetime = parsed.expires_in ?? defaultLifetimeSeconds;
  return { token, expiresAt: requestedAt + lifetime * 1000 };
}
