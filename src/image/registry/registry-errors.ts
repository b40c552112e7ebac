import { z } from 'zod';
import { ExternalHostError, NotFoundError } from '../../core/errors.js';

const ErrorBody = z.object({
  errors: z
    .array(z.object({ code: z.string().optional(), message: z.string().optional() }).loose())
    .optional(),
});

export interface RegistryError {
  code: string;
  message: string;
}

/** The `errors` array of a Distribution error body; empty when the body is not one. */
export function parseRegistryErrors(data: Uint8Array): RegistryError[] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return [];
  }
  const parsed = ErrorBody.safeParse(value);
  if (!parsed.success) {
    return [];
  }
  return (parsed.data.errors ?? []).map((error) => ({
    code: error.code ?? '',
    message: (error.message ?? '').slice(0, 200),
  }));
}

/** What a failed request was for, so the error can name it. */
export type Subject =
  | { kind: 'manifest'; reference: string; isTag: boolean }
  | { kind: 'blob'; digest: string; role: string }
  /** A listing: `the tag list`, `the catalog`. */
  | { kind: 'list'; what: string };

export interface FailureContext {
  host: string;
  repository: string;
  /** The image as the user named it, normalised. */
  image: string;
  subject: Subject;
}

function describeSubject(subject: Subject): string {
  if (subject.kind === 'manifest') {
    return subject.isTag ? `tag ${subject.reference}` : `manifest ${subject.reference}`;
  }
  if (subject.kind === 'list') {
    return subject.what;
  }
  return `${subject.role} blob ${subject.digest}`;
}

/**
 * Turns a failed registry answer (other than 401/403, handled by the auth session) into the
 * error the user sees: unknown repositories, tags and blobs are NotFoundError, naming what
 * was asked for; anything else is the registry's problem.
 */
export function registryFailure(status: number, body: Uint8Array, context: FailureContext): Error {
  const errors = parseRegistryErrors(body);
  const codes = new Set(errors.map((error) => error.code));
  const { host, repository, image, subject } = context;
  if (codes.has('NAME_UNKNOWN')) {
    return new NotFoundError(
      `repository ${repository} not found on registry ${host} (looking for ${image})`
    );
  }
  if (status === 404 || codes.has('MANIFEST_UNKNOWN') || codes.has('BLOB_UNKNOWN')) {
    return new NotFoundError(
      `${describeSubject(subject)} not found in repository ${repository} on registry ${host} (looking for ${image})`
    );
  }
  const detail = errors
    .slice(0, 2)
    .map((error) => `${error.code}${error.message ? `: ${error.message}` : ''}`)
    .join('; ');
  return new ExternalHostError(
    `registry ${host} answered ${status} for ${describeSubject(subject)} of repository ${repository}${detail ? ` (${detail})` : ''}`
  );
}
