import { UsageError } from '../../core/errors.js';
import type { AuthProvider, Credentials } from './types.js';

/** A username with no password (or the reverse) is a mistake to report, never half-used. */
export function pairedCredentials(
  username: string | undefined,
  password: string | undefined,
  names: { username: string; password: string; source: string }
): Credentials | undefined {
  if (username === undefined && password === undefined) {
    return undefined;
  }
  if (username === undefined || username === '') {
    throw new UsageError(`${names.password} is set but ${names.username} is not`);
  }
  if (password === undefined) {
    throw new UsageError(`${names.username} is set but ${names.password} is not`);
  }
  return { kind: 'basic', username, password, source: names.source };
}

/** `--username` / `--password` on the command line, used for whatever registry is scanned. */
export const explicitProvider: AuthProvider = {
  id: 'explicit',
  description: '--username and --password',
  resolve: (_host, context) =>
    Promise.resolve(
      pairedCredentials(context.registry.username, context.registry.password, {
        username: '--username',
        password: '--password',
        source: 'explicit',
      })
    ),
};
