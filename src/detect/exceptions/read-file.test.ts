import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { auditEvent, serviceAccountUser } from '../../../test/harness/audit-events.js';
import { compileException, exceptionMatches } from './match.js';
import { readDetectionExceptions } from './read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-detect-exceptions-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readDetectionExceptions', () => {
  it('reads every dimension, with its origin', async () => {
    const path = file(
      'ok.yaml',
      `exceptions:
  - rules: [pod-exec, anomalous-*]
    groups: [sre-oncall]
    namespaces: [shop]
    reason: on-call debugging, SEC-311
    expires: 2027-01-31
  - serviceAccounts: [monitoring/*]
    userAgents: ["prometheus/*"]
    reason: scrapers
`
    );
    expect(await readDetectionExceptions(path)).toEqual([
      {
        rules: ['pod-exec', 'anomalous-*'],
        groups: ['sre-oncall'],
        namespaces: ['shop'],
        reason: 'on-call debugging, SEC-311',
        expires: '2027-01-31',
        origin: `${path}#1`,
      },
      {
        serviceAccounts: ['monitoring/*'],
        userAgents: ['prometheus/*'],
        reason: 'scrapers',
        origin: `${path}#2`,
      },
    ]);
  });

  it('refuses an entry that scopes nothing, a missing reason, a typo and bad YAML', async () => {
    const cases: [string, RegExp][] = [
      ['exceptions:\n  - reason: everything\n', /scopes nothing/],
      ['exceptions:\n  - rules: [x]\n', /reason/],
      ['exceptions:\n  - rule: [x]\n    reason: typo\n', /rule/],
      ['exceptions:\n  - serviceAccounts: [nonamespace]\n    reason: r\n', /namespace\/name/],
      ['exceptions: [\n', /not valid YAML/],
    ];
    for (const [index, [text, message]] of cases.entries()) {
      const error = await readDetectionExceptions(file(`bad-${index}.yaml`, text)).catch(
        (caught: unknown) => caught
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('names a file it cannot read', async () => {
    await expect(readDetectionExceptions(join(dir, 'missing.yaml'))).rejects.toBeInstanceOf(
      NotFoundError
    );
  });
});

describe('exceptionMatches', () => {
  const event = auditEvent({
    verb: 'create',
    user: serviceAccountUser('monitoring', 'prometheus'),
    userAgent: 'prometheus/2.53.0',
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' },
  });

  it('matches globs anywhere and treats other characters literally', () => {
    const matches = (fields: Record<string, string[]>) =>
      exceptionMatches(
        compileException({ ...fields, reason: 'r', origin: 'o' }),
        'pod-exec',
        event
      );
    expect(matches({ serviceAccounts: ['monitoring/*'] })).toBe(true);
    expect(matches({ userAgents: ['prometheus/*'] })).toBe(true);
    expect(matches({ resources: ['pods/exec'], names: ['w*b'] })).toBe(true);
    expect(matches({ users: ['system:serviceaccount:monitoring:prom.theus'] })).toBe(false);
    expect(matches({ rules: ['pod-*'], namespaces: ['kube-system'] })).toBe(false);
    expect(matches({ groups: ['system:serviceaccounts:monitoring'] })).toBe(true);
    expect(matches({ images: ['*'] })).toBe(false);
  });
});
