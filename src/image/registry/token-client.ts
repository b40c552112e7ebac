import { AuthenticationError, ExternalHostError } from '../../core/errors.js';
import type { Credentials } from '../auth/types.js';
import {
  maxTokenResponseBytes,
  parseTokenResponse,
  type BearerToken,
} from '../auth/token-response.js';
import type { Challenge } from '../auth/www-authenticate.js';
import type { HttpClient, HttpRequest } from './http.js';

export interface TokenRequest {
  challenge: Challenge;
  /** `repository:NAME:pull`. */
  scope: string;
  credentials: Credentials;
  /** Registry host and repository, for messages. */
  host: string;
  repository: string;
  insecure: boolean;
}

/** The token spec wants a client id with refresh-token grants; any stable name will do. */
const clientId = 'palisade';

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function realmUrl(request: TokenRequest): URL {
  const realm = request.challenge.params['realm'];
  let url: URL;
  try {
    url = new URL(realm ?? '');
  } catch {
    throw new ExternalHostError(
      `registry ${request.host} sent a Bearer challenge without a valid realm URL`
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ExternalHostError(`registry ${request.host} sent a ${url.protocol} token realm`);
  }
  if (url.protocol === 'http:' && request.credentials.kind !== 'anonymous' && !request.insecure) {
    throw new ExternalHostError(
      `registry ${request.host} wants credentials sent to a plain-HTTP token service (${url.host}); allow it with --insecure`
    );
  }
  return url;
}

function tokenHttpRequest(request: TokenRequest): HttpRequest {
  const url = realmUrl(request);
  const service = request.challenge.params['service'];
  const target = `token service ${url.host}`;
  const { credentials } = request;
  if (credentials.kind === 'identity-token') {
    // OAuth2 refresh-token grant: the token goes in a POST body, never in a URL.
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: credentials.token,
      scope: request.scope,
    });
    if (service !== undefined) {
      form.set('service', service);
    }
    return {
      url,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      target,
    };
  }
  if (service !== undefined) {
    url.searchParams.set('service', service);
  }
  url.searchParams.set('scope', request.scope);
  if (credentials.kind === 'basic') {
    url.searchParams.set('account', credentials.username);
    return {
      url,
      headers: { authorization: basicAuthorization(credentials.username, credentials.password) },
      target,
    };
  }
  return { url, target };
}

/**
 * Asks the token service named by a Bearer challenge for a pull token, with basic
 * credentials, an identity token, or none at all (Docker Hub gives anonymous tokens).
 */
export async function fetchBearerToken(
  http: HttpClient,
  request: TokenRequest
): Promise<BearerToken> {
  const httpRequest = tokenHttpRequest(request);
  const what = `token response from ${httpRequest.url.host}`;
  const requestedAt = Date.now();
  const response = await http.fetch(httpRequest, maxTokenResponseBytes, what);
  if (response.status === 401 || response.status === 403) {
    if (request.credentials.kind === 'anonymous') {
      throw new AuthenticationError(
        `registry ${request.host} requires credentials for repository ${request.repository} and none were found (use --username/--password, PALISADE_REGISTRY_USERNAME/PALISADE_REGISTRY_PASSWORD or docker login)`
      );
    }
    throw new AuthenticationError(
      `registry ${request.host} refused the credentials for repository ${request.repository} (credentials from ${request.credentials.source}; the token service answered ${response.status})`
    );
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ExternalHostError(
      `token service ${httpRequest.url.host} answered ${response.status} for registry ${request.host}`
    );
  }
  return parseTokenResponse(response.data, requestedAt, what);
}
