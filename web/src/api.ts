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

/** An answer other than 2xx, with the API's error code, message and the field it is about. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
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
 * no content type is sent either: the API refuses an empty body declared as JSON.
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
      answer.error?.message ?? `${response.status} ${response.statusText}`,
      answer.error?.field
    );
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

/**
 * Downloads `path` (which needs the token, so a plain link will not do) and saves it under the
 * name the server's content-disposition gives, else `fallbackName`.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const token = storedToken();
  const response = await fetch(path, {
    headers: token !== undefined ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(
      response.status,
      body.error?.code ?? 'unknown',
      body.error?.message ?? `${response.status} ${response.statusText}`
    );
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  saveBlob(await response.blob(), named ?? fallbackName);
}

/** Hands `blob` to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}
