import { ApiException } from '@kubernetes/client-node';
import {
  AuthenticationError,
  ExternalHostError,
  InputError,
  type PalisadeError,
} from '../../../core/errors.js';

/**
 * What a failed call means. `status` outcomes come from the API server (its `Status` body says
 * why); the rest from the way there. Nothing here quotes a request's headers, so the token
 * never reaches a message.
 */
export type CallFailure =
  | { type: 'status'; code: number; message: string; retryAfterMs?: number }
  | { type: 'timeout' }
  | { type: 'fatal'; error: PalisadeError };

/** Who the messages name: the context and the server URL. */
export interface Target {
  context: string;
  server: string;
}

function describeTarget(target: Target): string {
  return `the API server ${target.server} (context ${target.context})`;
}

/** The `message` of a Kubernetes `Status` body, which the client hands over as text or object. */
function statusMessage(body: unknown): string | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return body.trim() === '' ? undefined : body.trim().slice(0, 300);
    }
  }
  if (typeof value === 'object' && value !== null) {
    const message = (value as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  }
  return undefined;
}

function retryAfter(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.['retry-after'];
  if (value === undefined) {
    return undefined;
  }
  const seconds = Number.parseInt(value, 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A failure before or beside HTTP: the network, TLS, a credential plugin, a file. */
function transportFailure(error: unknown, target: Target): PalisadeError {
  const code = errorCode(error);
  const where = describeTarget(target);
  if (code !== undefined && tlsCodes.has(code)) {
    return new ExternalHostError(
      `${where}: TLS verification failed (${code}): its certificate is not trusted by the kubeconfig's certificate authority`,
      { cause: error }
    );
  }
  const { path, syscall } = error as { path?: unknown; syscall?: unknown };
  if (typeof syscall === 'string' && syscall.startsWith('spawn')) {
    return new InputError(
      `context ${target.context}: the kubeconfig's credential plugin ${typeof path === 'string' ? path : ''} could not be run (${code ?? 'error'})`,
      { cause: error }
    );
  }
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return new InputError(
      `context ${target.context}: cannot read ${typeof path === 'string' ? path : 'a file'} named by the kubeconfig (${code})`,
      { cause: error }
    );
  }
  if (error instanceof Error && error.name === 'FetchError') {
    return new ExternalHostError(`cannot reach ${where}: ${code ?? error.message}`, {
      cause: error,
    });
  }
  // Credential plugins (exec, auth-provider) fail inside the client before any request is sent;
  // an exec plugin's failure is its standard error, cut short.
  const text = error instanceof Error ? error.message : String(error);
  if (/not a legal HTTP header value/i.test(text)) {
    // node-fetch quotes the whole header, token and all; neither it nor its cause is kept.
    return new AuthenticationError(
      `${where}: the kubeconfig's credentials hold a character an HTTP header cannot carry (a line break in the token?)`
    );
  }
  const detail = redactCredentials(text).replace(/\s+/g, ' ').trim().slice(0, 300) || 'no detail';
  return new AuthenticationError(`${where}: the kubeconfig's credentials failed: ${detail}`, {
    cause: error,
  });
}

/** Turns what a list call threw into what the source does about it. */
export function classifyFailure(error: unknown, target: Target, timedOut: boolean): CallFailure {
  if (timedOut) {
    return { type: 'timeout' };
  }
  if (error instanceof ApiException) {
    const code = (error as ApiException<unknown>).code;
    if (code === 401) {
      return {
        type: 'fatal',
        error: new AuthenticationError(
          `${describeTarget(target)} refused the credentials (401 Unauthorized): the token may have expired or been revoked`
        ),
      };
    }
    const message = statusMessage((error as ApiException<unknown>).body) ?? `HTTP ${code}`;
    const headers = (error as ApiException<unknown>).headers as Record<string, string> | undefined;
    const wait = retryAfter(headers);
    return { type: 'status', code, message, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  return { type: 'fatal', error: transportFailure(error, target) };
}

/** The fatal error for a server that did not answer the first call in time. */
export function timeoutError(target: Target, timeoutMs: number): ExternalHostError {
  return new ExternalHostError(`${describeTarget(target)} did not answer within ${timeoutMs} ms`);
}

/** `Bearer <token>` and `Basic <credentials>` in a message, with the credential left out. */
export function redactCredentials(text: string): string {
  return text.replace(/\b(Bearer|Basic)\s+\S+/gi, '$1 [redacted]');
}
