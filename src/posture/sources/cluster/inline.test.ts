import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../../core/errors.js';
import { checkInlineKubeconfig, maxInlineKubeconfigBytes } from './inline.js';

function kubeconfig(cluster: Record<string, unknown>, user: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1', ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });
}

function refusal(text: string): string {
  try {
    checkInlineKubeconfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('checkInlineKubeconfig', () => {
  it('accepts a self-contained kubeconfig: server, CA data, token or client certificate data', () => {
    const text = kubeconfig(
      { 'certificate-authority-data': 'LS0t', 'tls-server-name': 'kube' },
      { token: 'abc', 'client-certificate-data': 'LS0t', 'client-key-data': 'LS0t' }
    );
    expect(checkInlineKubeconfig(text)).toMatchObject({ 'current-context': 'ctx' });
  });

  it.each([
    [
      {},
      { exec: { command: '/bin/sh', args: ['-c', 'id'] } },
      'users[0].user.exec',
      'run a command',
    ],
    [{}, { 'auth-provider': { name: 'gcp' } }, 'users[0].user.auth-provider', 'run a command'],
    [{}, { 'token-file': '/etc/shadow' }, 'users[0].user.token-file', 'read a file'],
    [{}, { 'client-key': '/root/.ssh/id_rsa' }, 'users[0].user.client-key', 'read a file'],
    [{}, { 'client-certificate': '/x.crt' }, 'users[0].user.client-certificate', 'read a file'],
    [
      { 'certificate-authority': '/ca.crt' },
      {},
      'clusters[0].cluster.certificate-authority',
      'read a file',
    ],
    [{ colour: 'blue' }, {}, 'clusters[0].cluster.colour', 'not a key Palisade accepts'],
  ])('refuses %j %j at %s', (cluster, user, where, why) => {
    const message = refusal(kubeconfig(cluster, user));
    expect(message).toContain(`${where} is not allowed`);
    expect(message).toContain(why);
    expect(message).not.toContain('/etc/shadow');
    expect(message).not.toContain('id_rsa');
  });

  it('refuses what is not a kubeconfig, too big, or built with aliases', () => {
    expect(refusal('just a string')).toMatch(/^not a kubeconfig/);
    expect(refusal('a: [1, 2\nb: {')).toMatch(/^not valid YAML/);
    expect(refusal('a: 1\na: 2\n')).toMatch(/^not valid YAML/);
    expect(refusal(`a: "${'x'.repeat(maxInlineKubeconfigBytes)}"`)).toMatch(/^at most/);
    expect(refusal('x: &a [1]\ny: *a\n')).toMatch(/anchors and aliases/);
    expect(refusal('clusters: {}\n')).toBe('clusters must be a list');
    expect(refusal('users: [{ user: {} }]\n')).toBe('users[0] must be a mapping with a name');
  });
});
