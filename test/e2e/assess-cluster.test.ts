/**
 * `palisade assess cluster` end to end: the real Kubernetes client, through the CLI, against
 * the HTTPS API server double, with a forbidden kind, a bad token and a server that is not there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/posture/index.js';
import { runCli, runCliWithStdout } from '../harness/cli.js';
import {
  startKubeApiDouble,
  type KubeApiDouble,
  type StoredObject,
} from '../harness/kube-api-double.js';

const token = 'test-token-7f3a9c';
let work: string;
let double: KubeApiDouble;
let kubeconfig: string;

const objects: StoredObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'app', image: 'nginx:1.25', securityContext: { privileged: true } }],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop' },
    type: 'Opaque',
    data: { password: Buffer.from('hunter2').toString('base64') },
  },
];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-assess-cluster-'));
  double = await startKubeApiDouble({ objects, token, forbidden: ['secrets'] });
  kubeconfig = join(work, 'config');
  await double.writeKubeconfig(kubeconfig);
});

afterAll(async () => {
  await double.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('palisade assess cluster', () => {
  it('assesses what the API server lists, says which kind it could not list, and never prints the token', async () => {
    const result = await runCliWithStdout([
      'assess',
      'cluster',
      '--kubeconfig',
      kubeconfig,
      '-f',
      'json',
    ]);
    const assessment = JSON.parse(result.stdout) as Assessment;
    const privileged = assessment.results.find(
      (item) => item.check === 'pss-privileged' && item.resource.name === 'web'
    );

    expect(result.code).toBe(0);
    expect(assessment.source).toBe(`cluster: double (${double.server})`);
    expect(privileged).toMatchObject({
      status: 'fail',
      resource: { kind: 'Deployment', namespace: 'shop' },
    });
    expect(
      assessment.results.some(
        (item) => item.check === 'network-load-balancer-services' && item.status === 'fail'
      )
    ).toBe(true);
    expect(assessment.notes).toContainEqual(
      expect.stringMatching(/^cannot list secrets: forbidden/)
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain(token);
    expect(result.stdout).not.toContain('hunter2');
  });

  it('exits 3 naming the server when the token is refused or the server is not there', async () => {
    const refused = join(work, 'refused');
    await double.writeKubeconfig(refused, { token: 'expired-token' });
    const nowhere = join(work, 'nowhere');
    await double.writeKubeconfig(nowhere, { server: 'https://127.0.0.1:1' });

    const bad = await runCli(['assess', 'cluster', '--kubeconfig', refused]);
    const gone = await runCli(['assess', 'cluster', '--kubeconfig', nowhere, '--timeout', '5']);

    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(double.server);
    expect(bad.stderr).not.toContain('expired-token');
    expect(gone.code).toBe(3);
    expect(gone.stderr).toContain('127.0.0.1:1');
  });

  it('exits 2 for a kubeconfig that does not exist, an unknown context or a bad timeout', async () => {
    const missing = await runCli(['assess', 'cluster', '--kubeconfig', join(work, 'none')]);
    const context = await runCli([
      'assess',
      'cluster',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'prod',
    ]);
    const timeout = await runCli([
      'assess',
      'cluster',
      '--kubeconfig',
      kubeconfig,
      '--timeout',
      'soon',
    ]);

    expect([missing.code, context.code, timeout.code]).toEqual([2, 2, 2]);
    expect(missing.stderr).toContain(join(work, 'none'));
    expect(context.stderr).toContain('prod');
    expect(timeout.stderr).toContain('--timeout must be a whole number of seconds');
  });
});
