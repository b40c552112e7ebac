/**
 * The cluster source's Nodes (for the platform's inventory and metering) and kubeconfigs given
 * as text, against the HTTPS API server double with the real Kubernetes client.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { InputError } from '../../src/core/errors.js';
import { readCluster, readClusterWithNodes } from '../../src/posture/index.js';
import {
  startKubeApiDouble,
  type KubeApiDouble,
  type StoredObject,
} from '../harness/kube-api-double.js';

const token = 'nodes-token-5be1';
const work = mkdtempSync(join(tmpdir(), 'palisade-cluster-nodes-'));
const doubles: KubeApiDouble[] = [];

function node(name: string, cpu: unknown): StoredObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'node.kubernetes.io/instance-type': 'm5.large' } },
    status: {
      capacity: { cpu, memory: '8Gi' },
      nodeInfo: { architecture: 'arm64', operatingSystem: 'linux', kubeletVersion: 'v1.30.4' },
    },
  };
}

const objects: StoredObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  node('ip-10-0-0-1', '2'),
  node('ip-10-0-0-2', '3500m'),
  node('ip-10-0-0-3', 'lots'),
];

async function start(options: { forbidden?: string[] } = {}): Promise<KubeApiDouble> {
  const double = await startKubeApiDouble({ objects, token, ...options });
  doubles.push(double);
  return double;
}

let double: KubeApiDouble;
beforeAll(async () => {
  double = await start();
});
afterAll(async () => {
  await Promise.all(doubles.map((one) => one.stop()));
  rmSync(work, { recursive: true, force: true });
});

describe('readClusterWithNodes', () => {
  it('reads each node’s vCPUs beside the snapshot, and says which it could not count', async () => {
    const read = await readClusterWithNodes({ kubeconfigData: double.kubeconfig(), env: {} });
    expect(read.nodes).toEqual([
      {
        name: 'ip-10-0-0-1',
        cpuMillicores: 2000,
        architecture: 'arm64',
        operatingSystem: 'linux',
        kubeletVersion: 'v1.30.4',
        instanceType: 'm5.large',
      },
      expect.objectContaining({ name: 'ip-10-0-0-2', cpuMillicores: 3500 }),
      expect.objectContaining({
        name: 'ip-10-0-0-3',
        problem: expect.stringContaining('"lots" is not a CPU quantity') as unknown,
      }),
    ]);
    expect(read.nodes?.[2]).not.toHaveProperty('cpuMillicores');
    // Nodes are not snapshot objects: no check reads them, and no note says so.
    expect(read.snapshot.objects.map((object) => object.kind)).toEqual(['Namespace']);
    expect(read.snapshot.notes).toEqual([]);
    expect(read.snapshot.source).toBe(`cluster: double (${double.server})`);
    expect(read.incompleteKinds).toEqual([]);
  });

  it('leaves nodes undefined with a note when they may not be listed; the snapshot stands', async () => {
    const refused = await start({ forbidden: ['nodes', 'secrets'] });
    const read = await readClusterWithNodes({ kubeconfigData: refused.kubeconfig(), env: {} });
    expect(read.nodes).toBeUndefined();
    expect(read.nodesNote).toMatch(/^cannot list nodes: forbidden/);
    expect(read.snapshot.objects).toHaveLength(1);
    expect(read.snapshot.notes).toEqual([expect.stringMatching(/^cannot list secrets: forbidden/)]);
    expect(read.incompleteKinds).toEqual(['Secret']);
  });

  it('readCluster does not ask for nodes', async () => {
    const quiet = await start();
    await readCluster({ kubeconfigData: quiet.kubeconfig(), env: {} });
    expect(quiet.requests.some((request) => request.path === '/api/v1/nodes')).toBe(false);
  });
});

describe('a kubeconfig given as text', () => {
  it('picks the context asked for', async () => {
    const config = parse(double.kubeconfig({ context: 'prod' })) as Record<string, unknown>;
    const text = stringify({ ...config, 'current-context': 'elsewhere' });
    const snapshot = await readCluster({ kubeconfigData: text, context: 'prod', env: {} });
    expect(snapshot.source).toBe(`cluster: prod (${double.server})`);
  });

  it('refuses a token file before the client reads it, and asks the server nothing', async () => {
    const secretFile = join(work, 'server-secret');
    writeFileSync(secretFile, 'server-side-secret-value');
    const watched = await start();
    const config = parse(watched.kubeconfig()) as { users: { user: Record<string, unknown> }[] };
    const user = config.users[0];
    if (user === undefined) {
      throw new Error('no user');
    }
    user.user = { 'token-file': secretFile };
    const error = await readCluster({ kubeconfigData: stringify(config), env: {} }).catch(
      (caught: unknown) => caught
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'kubeconfig (inline): users[0].user.token-file is not allowed: it would read a file of the Palisade server (give the token itself)'
    );
    expect(watched.requests).toEqual([]);
  });
});
