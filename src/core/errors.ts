/**
 * The small set of errors every part throws. Each carries the process exit code the brief
 * promises (2 bad usage or bad input, 3 the outside world failed), so the CLI translates an
 * error once, at the edge, and domain code never picks an exit code or an HTTP status.
 */
export const ExitCode = {
  ok: 0,
  findings: 1,
  badInput: 2,
  external: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class PalisadeError extends Error {
  abstract readonly exitCode: ExitCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user asked for something malformed: a bad flag, a bad reference, a bad file. */
export class UsageError extends PalisadeError {
  readonly exitCode = ExitCode.badInput;
}

/** Input we were given (an image, a layer, a database file) is malformed or hostile. */
export class InputError extends PalisadeError {
  readonly exitCode = ExitCode.badInput;
}

/** Content did not match the digest that names it. Never a result, always an error. */
export class IntegrityError extends PalisadeError {
  readonly exitCode = ExitCode.badInput;
}

/** What was asked for does not exist: an unknown image, tag, file or platform. */
export class NotFoundError extends PalisadeError {
  readonly exitCode = ExitCode.badInput;
}

/** Credentials were missing or refused. */
export class AuthenticationError extends PalisadeError {
  readonly exitCode = ExitCode.external;
}

/** Someone else's outage: unreachable host, 5xx, 429 after retries, a helper that failed. */
export class ExternalHostError extends PalisadeError {
  readonly exitCode = ExitCode.external;
}

export function isPalisadeError(error: unknown): error is PalisadeError {
  return error instanceof PalisadeError;
}

/** A one-line description of any thrown value, for the CLI's last word. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message.replace(/\s*\n\s*/g, ' ');
  }
  return String(error);
}
