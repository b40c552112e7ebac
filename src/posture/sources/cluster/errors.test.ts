import { describe, expect, it } from 'vitest';
import { redactCredentials } from './errors.js';

describe('redactCredentials', () => {
  it('leaves the scheme and drops the credential, wherever it is in the message', () => {
    expect(redactCredentials('header Authorization: Bearer abc.def-ghi failed')).toBe(
      'header Authorization: Bearer [redacted] failed'
    );
    expect(redactCredentials('basic dXNlcjpwYXNz and bearer t0k3n')).toBe(
      'basic [redacted] and bearer [redacted]'
    );
  });

  it('keeps a message without credentials as it is', () => {
    expect(redactCredentials('exec plugin exited with status 1')).toBe(
      'exec plugin exited with status 1'
    );
  });
});
