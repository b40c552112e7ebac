import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../core/errors.js';
import { describePostgresUrl, isPostgresUrl, withoutPassword } from './url.js';

describe('postgres URLs', () => {
  it('recognises both schemes', () => {
    expect(isPostgresUrl('postgres://h/db')).toBe(true);
    expect(isPostgresUrl('POSTGRESQL://h/db')).toBe(true);
    expect(isPostgresUrl('postgres:h')).toBe(false);
    expect(isPostgresUrl('/var/lib/palisade.db')).toBe(false);
  });

  it('describes host:port/db without user, password or parameters', () => {
    expect(describePostgresUrl('postgres://me:s%40cret@db.internal:6543/pal?sslmode=require')).toBe(
      'db.internal:6543/pal'
    );
    expect(describePostgresUrl('postgresql://db')).toBe('db:5432/(default)');
  });

  it('removes the password from a message, even URL-encoded in the URL', () => {
    const url = 'postgres://me:s%40cret@db/pal';
    expect(withoutPassword('auth for s@cret failed: s@cret', url)).toBe('auth for *** failed: ***');
    expect(withoutPassword('no password here', 'postgres://db/pal')).toBe('no password here');
  });

  it('refuses a malformed URL without echoing it', () => {
    expect(() => describePostgresUrl('postgres://me:pw@[::1/db')).toThrow(UsageError);
    expect(() => describePostgresUrl('postgres://me:pw@[::1/db')).not.toThrow(/pw/);
  });
});
