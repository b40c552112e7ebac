import { UsageError } from '../../../../core/errors.js';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** `host:port/db` for messages and logs: the URL without user, password or parameters. */
export function describePostgresUrl(url: string): string {
  const parsed = parsePostgresUrl(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
}

export function parsePostgresUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    // The URL itself may hold the password: name only the scheme.
    throw new UsageError(
      'malformed PostgreSQL URL (expected postgres://user:password@host:port/db)'
    );
  }
}

/** Removes the URL's password from a message, in case a library quoted it. */
export function withoutPassword(message: string, url: string): string {
  const password = decodeURIComponent(parsePostgresUrl(url).password);
  return password === '' ? message : message.split(password).join('***');
}
