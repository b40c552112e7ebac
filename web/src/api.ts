/** The platform's REST API, with the API token the user signed in with. */

const tokenKey = 'palisade.token';

export function storedToken(): string | undefined {
  return sessionStorage.getItem(tokenKey) ?? undefined;
}

export function storeToken(token: string | undefined): void {
  if (token === undefined) {
    sessionStorage.removeItem(tokenKey);
  } else {
    sessionStorage.setItem(tokenKey, token);
  }
}

/** An answer other than 2xx, with the API's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

/** GETs `path` (under the server's origin) as JSON, with `token` or the stored one. */
export async function getJson<T>(path: string, token = storedToken()): Promise<T> {
  const response = await fetch(path, {
    headers: {
      accept: 'application/json',
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(
      response.status,
      body.error?.code ?? 'unknown',
      body.error?.message ?? `${response.status} ${response.statusText}`
    );
  }
  return (await response.json()) as T;
}

/**
 * Sends `body` as JSON with `method` and reads the JSON answer (none for 204). Without a body
 * (a DELETE) no content type is sent: the API refuses an empty JSON body.
 */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = storedToken();
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) {
    const answer = (await response.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(
      response.status,
      answer.error?.code ?? 'unknown',
      answer.error?.message ?? `${response.status} ${response.statusText}`
    );
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}
