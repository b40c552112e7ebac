import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { eksDefaultExceptions } from './eks-defaults.js';
import { exceptionMatches } from './match.js';
import { readExceptionFile } from './read-file.js';

let dir: string;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-exceptions-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readExceptionFile', () => {
  it('reads entries with their scope, reason, expiry and origin', async () => {
    const path = file(
      'ok.yaml',
      'exceptions:\n  - checks: [pss-privileged]\n    namespaces: [monitoring]\n    names: [node-exporter]\n    labels: {app: exporter}\n    reason: needs /proc, SEC-142\n    expires: 2027-03-31\n  - controls: ["cis-eks-1.8.0:4.1.*"]\n    reason: reviewed\n'
    );

    await expect(readExceptionFile(path)).resolves.toEqual([
      {
        checks: ['pss-privileged'],
        namespaces: ['monitoring'],
        names: ['node-exporter'],
        labels: { app: 'exporter' },
        reason: 'needs /proc, SEC-142',
        expires: '2027-03-31',
        origin: `${path}#1`,
      },
      { controls: ['cis-eks-1.8.0:4.1.*'], reason: 'reviewed', origin: `${path}#2` },
    ]);
  });

  it('refuses an entry without a reason, a bad date, an unknown field and a catch-all', async () => {
    const noReason = file('a.yaml', 'exceptions:\n  - checks: [x]\n');
    const badDate = file(
      'b.yaml',
      'exceptions:\n  - checks: [x]\n    reason: r\n    expires: next week\n'
    );
    const unknown = file('c.yaml', 'exceptions:\n  - check: [x]\n    reason: r\n');
    const everything = file('d.yaml', 'exceptions:\n  - reason: silence it all\n');

    await expect(readExceptionFile(noReason)).rejects.toThrow(
      /a\.yaml is malformed: exceptions\.0\.reason/
    );
    await expect(readExceptionFile(badDate)).rejects.toThrow(
      /b\.yaml is malformed: exceptions\.0\.expires/
    );
    await expect(readExceptionFile(unknown)).rejects.toThrow(InputError);
    await expect(readExceptionFile(everything)).rejects.toThrow(
      'exceptions[0] names no check, control, namespace, kind, name or label; it would exempt everything'
    );
  });

  it('says which file is missing and which is not YAML', async () => {
    await expect(readExceptionFile(join(dir, 'none.yaml'))).rejects.toThrow(NotFoundError);
    await expect(readExceptionFile(file('e.yaml', 'exceptions: [unclosed\n'))).rejects.toThrow(
      /e\.yaml: not valid YAML/
    );
  });
});

describe('the built-in EKS exceptions', () => {
  const exempted = (kind: string, name: string, namespace?: string) =>
    eksDefaultExceptions.some((exception) =>
      exceptionMatches(exception, {
        check: 'any',
        controls: [],
        resource: { kind, name, ...(namespace ? { namespace } : {}) },
      })
    );

  it('cover the AWS-managed system components and identities', () => {
    expect(exempted('DaemonSet', 'aws-node', 'kube-system')).toBe(true);
    expect(exempted('Deployment', 'coredns', 'kube-system')).toBe(true);
    expect(exempted('Pod', 'kube-proxy-x7k2p', 'kube-system')).toBe(true);
    expect(exempted('Group', 'system:masters')).toBe(true);
    expect(exempted('User', 'eks:node-manager')).toBe(true);
  });

  it('do not cover look-alikes outside kube-system, or the user’s own workloads there', () => {
    expect(exempted('DaemonSet', 'aws-node', 'default')).toBe(false);
    expect(exempted('Deployment', 'my-app', 'kube-system')).toBe(false);
    expect(exempted('User', 'alice')).toBe(false);
  });
});
