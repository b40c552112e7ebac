/**
 * The live-cluster snapshot source against a local Kubernetes API server double, over HTTPS, with
 * the real `@kubernetes/client-node` doing TLS, authentication and the requests: paging, dropped
 * secret and configmap values, forbidden and slow kinds, expired continue tokens, bad
 * credentials, servers that cannot be reached and kubeconfigs that are wrong.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ExternalHostError,
  InputError,
  UsageError,
} from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import { readCluster } from '../../src/posture/sources/cluster/index.js';
import type { KubeObject, Snapshot } from '../../src/posture/snapshot/types.js';
import {
  kubeResources,
  makeServingCertificate,
  startKubeApiDouble,
  type KubeApiDouble,
  type KubeApiDoubleOptions,
  type KubeResource,
  type StoredObject,
} from '../harness/kube-api-double.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.palisade-test-token.signature';
const perKind = 5;
const pageSize = 2;
const secretValue = 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk';
const configValue = 'postgres://app:hunter2@db:5432/app';
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

function apiVersionOf(res: KubeResource): string {
  return res.group === '' ? res.version : `${res.group}/${res.version}`;
}

/** The fields that make an object of each kind look like the real thing. */
function bodyOf(kind: string, index: number): Record<string, unknown> {
  const template = {
    metadata: { labels: { app: `app-${index}` } },
    spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0' }] },
  };
  switch (kind) {
    case 'Pod':
      // `futureField` is unknown to the client's models: raw JSON keeps it.
      return {
        spec: {
          containers: [
            { name: 'app', image: 'registry.example/app:1.0', ports: [{ containerPort: 8080 }] },
          ],
          futureField: { enabled: true },
        },
        status: { phase: 'Running', startTime: '2024-05-01T10:00:05Z' },
      };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return { spec: { template } };
    case 'CronJob':
      return { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } } };
    case 'Service':
      return { spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort: 'http' }] } };
    case 'Secret':
      return {
        type: 'Opaque',
        data: { password: secretValue },
        metadata: {
          annotations: {
            [lastApplied]: JSON.stringify({ data: { password: secretValue } }),
            owner: 'team-a',
          },
        },
      };
    case 'ConfigMap':
      return {
        data: { DATABASE_URL: configValue, 'app.properties': `url=${configValue}` },
        binaryData: { 'blob.bin': 'AAEC' },
        metadata: { annotations: { [lastApplied]: JSON.stringify({ data: configValue }) } },
      };
    case 'ClusterRole':
    case 'Role':
      return { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] };
    default:
      return {};
  }
}

function fixture(): StoredObject[] {
  const objects: StoredObject[] = [];
  for (const res of kubeResources) {
    for (let index = 0; index < perKind; index++) {
      const { metadata, ...body } = bodyOf(res.kind, index) as {
        metadata?: Record<string, unknown>;
      };
      objects.push({
        apiVersion: apiVersionOf(res),
        kind: res.kind,
        metadata: {
          name: `${res.plural}-${index}`,
          ...(res.namespaced ? { namespace: index % 2 === 0 ? 'default' : 'team-a' } : {}),
          ...(metadata ?? {}),
        },
        ...body,
      });
    }
  }
  objects.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'aws-auth', namespace: 'kube-system' },
    data: {
      mapRoles:
        '- rolearn: arn:aws:iam::111122223333:role/nodes\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:bootstrappers\n    - system:nodes\n',
      mapUsers:
        '- userarn: arn:aws:iam::111122223333:user/admin\n  groups:\n    - system:masters\n',
    },
  });
  return objects;
}

let work: string;
const doubles: KubeApiDouble[] = [];

async function startDouble(
  options: Partial<KubeApiDoubleOptions> = {}
): Promise<{ double: KubeApiDouble; kubeconfig: string }> {
  const double = await startKubeApiDouble({ objects: fixture(), token, ...options });
  doubles.push(double);
  const kubeconfig = join(mkdtempSync(join(work, 'kc-')), 'config');
  await double.writeKubeconfig(kubeconfig);
  return { double, kubeconfig };
}

function ofKind(snapshot: Snapshot, kind: string): KubeObject[] {
  return snapshot.objects.filter((object) => object.kind === kind);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) {
      return error;
    }
    throw new Error(`rejected with a non-error: ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'palisade-cluster-'));
});

afterEach(async () => {
  await Promise.all(doubles.splice(0).map((double) => double.stop()));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('readCluster against the API server double', () => {
  it('reads every kind cluster-wide, page by page, as the API wrote it', async () => {
    const { double, kubeconfig } = await startDouble();
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ level: 'debug', destination });
    const snapshot = await readCluster({ kubeconfig, pageSize, env: {}, logger });

    expect(snapshot.source).toBe(`cluster: double (${double.server})`);
    // Debug logging says what was listed, never the token or a value.
    const log = lines.join('');
    expect(log).toContain('"resource":"secrets","objects":5,"pages":3');
    expect(log).not.toContain(token);
    expect(log).not.toContain(secretValue);
    expect(snapshot.notes).toEqual([]);
    for (const res of kubeResources) {
      const objects = ofKind(snapshot, res.kind);
      const expected = res.kind === 'ConfigMap' ? perKind + 1 : perKind;
      expect(objects, res.kind).toHaveLength(expected);
      for (const object of objects) {
        expect(object.apiVersion).toBe(apiVersionOf(res));
        expect(object.metadata.namespace === undefined).toBe(!res.namespaced);
      }
      // Five objects in pages of two: three list requests, the later two with `continue`.
      const lists = double.requests.filter(
        (request) => request.path.endsWith(`/${res.plural}`) && request.status === 200
      );
      const pages = Math.ceil(expected / pageSize);
      expect(lists, res.plural).toHaveLength(pages);
      expect(lists.map((request) => request.query.get('limit'))).toEqual(
        Array<string>(pages).fill(String(pageSize))
      );
      expect(lists.filter((request) => request.query.has('continue'))).toHaveLength(pages - 1);
    }
    expect(snapshot.objects).toHaveLength(kubeResources.length * perKind + 1);

    const pod = ofKind(snapshot, 'Pod')[0]!;
    // Timestamps stay the strings the API sent, fields unknown to the client's models stay,
    // and managedFields are gone.
    expect(pod.metadata).toMatchObject({ creationTimestamp: '2024-05-01T10:00:00Z' });
    expect(pod['status']).toEqual({ phase: 'Running', startTime: '2024-05-01T10:00:05Z' });
    expect(pod['spec']).toMatchObject({ futureField: { enabled: true } });
    expect(pod.metadata).not.toHaveProperty('managedFields');
    expect(pod.metadata.uid).toMatch(/^00000000-/);
    const service = ofKind(snapshot, 'Service')[0]!;
    expect(service['spec']).toEqual({
      type: 'ClusterIP',
      ports: [{ port: 80, targetPort: 'http' }],
    });
    // Objects come out grouped by kind, in a fixed order.
    expect(snapshot.objects[0]?.kind).toBe('Namespace');
    expect(snapshot.origins.size).toBe(0);
  });

  it('drops secret data and configmap values at once, but keeps aws-auth whole', async () => {
    const { kubeconfig } = await startDouble();
    const snapshot = await readCluster({ kubeconfig, pageSize: 3, env: {} });

    const secrets = ofKind(snapshot, 'Secret');
    expect(secrets).toHaveLength(perKind);
    for (const secret of secrets) {
      expect(secret).not.toHaveProperty('data');
      expect(secret).not.toHaveProperty('stringData');
      expect(secret['type']).toBe('Opaque');
      expect(secret.metadata.annotations).toEqual({ owner: 'team-a' });
    }
    const configMaps = ofKind(snapshot, 'ConfigMap').filter(
      (object) => object.metadata.name !== 'aws-auth'
    );
    expect(configMaps).toHaveLength(perKind);
    for (const configMap of configMaps) {
      expect(configMap['data']).toEqual({ DATABASE_URL: '', 'app.properties': '' });
      expect(configMap['binaryData']).toEqual({ 'blob.bin': '' });
      expect(configMap.metadata.annotations).toEqual({});
    }
    const text = JSON.stringify(snapshot.objects);
    expect(text).not.toContain(secretValue);
    expect(text).not.toContain('hunter2');

    const awsAuth = ofKind(snapshot, 'ConfigMap').find(
      (object) => object.metadata.name === 'aws-auth'
    );
    expect(awsAuth?.metadata.namespace).toBe('kube-system');
    expect(awsAuth?.['data']).toMatchObject({
      mapRoles: expect.stringContaining('role/nodes') as unknown,
      mapUsers: expect.stringContaining('system:masters') as unknown,
    });
  });

  it('leaves a forbidden kind out with a note and reads the rest', async () => {
    const { kubeconfig } = await startDouble({ forbidden: ['secrets'] });
    const snapshot = await readCluster({ kubeconfig, pageSize, env: {} });

    expect(snapshot.notes).toEqual([
      'cannot list secrets: forbidden (secrets is forbidden: User "system:serviceaccount:palisade:reader" cannot list resource "secrets" in API group "" at the cluster scope)',
    ]);
    expect(ofKind(snapshot, 'Secret')).toEqual([]);
    expect(ofKind(snapshot, 'Pod')).toHaveLength(perKind);
    expect(ofKind(snapshot, 'ClusterRoleBinding')).toHaveLength(perKind);
  });

  it('reads aws-auth by name when ConfigMaps cannot be listed', async () => {
    const { double, kubeconfig } = await startDouble({ forbidden: ['configmaps'] });
    const snapshot = await readCluster({ kubeconfig, pageSize, env: {} });

    expect(snapshot.notes).toEqual([
      'cannot list configmaps: forbidden (configmaps is forbidden: User "system:serviceaccount:palisade:reader" cannot list resource "configmaps" in API group "" at the cluster scope)',
      'read kube-system/aws-auth by name instead',
    ]);
    const configMaps = ofKind(snapshot, 'ConfigMap');
    expect(configMaps.map((object) => object.metadata.name)).toEqual(['aws-auth']);
    expect(configMaps[0]?.apiVersion).toBe('v1');
    expect(configMaps[0]?.metadata).not.toHaveProperty('managedFields');
    expect(configMaps[0]?.['data']).toMatchObject({
      mapUsers: expect.stringContaining('system:masters') as unknown,
    });
    expect(double.requests.at(-1)?.path).toBe('/api/v1/namespaces/kube-system/configmaps/aws-auth');

    const { kubeconfig: locked } = await startDouble({
      forbidden: ['configmaps'],
      forbiddenGet: ['configmaps'],
    });
    const without = await readCluster({ kubeconfig: locked, pageSize, env: {} });
    expect(without.notes).toHaveLength(1);
    expect(without.notes[0]).toMatch(/^cannot list configmaps: forbidden/);
    expect(ofKind(without, 'ConfigMap')).toEqual([]);
  });

  it('leaves a kind that answers too slowly out with a note and reads the rest', async () => {
    const { kubeconfig } = await startDouble({ slow: { configmaps: 20_000 } });
    const snapshot = await readCluster({ kubeconfig, pageSize, timeoutMs: 3000, env: {} });

    expect(snapshot.notes).toEqual([
      'cannot list configmaps: no answer within 3000 ms',
      'read kube-system/aws-auth by name instead',
    ]);
    // Left out whole: of the ConfigMaps only aws-auth, read by name, is there.
    expect(ofKind(snapshot, 'ConfigMap').map((object) => object.metadata.name)).toEqual([
      'aws-auth',
    ]);
    expect(ofKind(snapshot, 'Secret')).toHaveLength(perKind);
    expect(ofKind(snapshot, 'Pod')).toHaveLength(perKind);
  });

  it('starts a listing over once when its continue token expired (410)', async () => {
    const { double, kubeconfig } = await startDouble({ expireContinue: { pods: 1 } });
    const snapshot = await readCluster({ kubeconfig, pageSize, env: {} });

    expect(snapshot.notes).toEqual([]);
    expect(
      ofKind(snapshot, 'Pod')
        .map((object) => object.metadata.name)
        .sort()
    ).toEqual(['pods-0', 'pods-1', 'pods-2', 'pods-3', 'pods-4']);
    const pods = double.requests.filter((request) => request.path === '/api/v1/pods');
    expect(pods.map((request) => request.status)).toEqual([200, 410, 200, 200, 200]);
  });

  it('leaves a kind out when its listing expires twice', async () => {
    const { kubeconfig } = await startDouble({ expireContinue: { pods: 2 } });
    const snapshot = await readCluster({ kubeconfig, pageSize, env: {} });

    expect(snapshot.notes).toEqual([
      'cannot list pods: the list expired twice while paging (410 Expired)',
    ]);
    expect(ofKind(snapshot, 'Pod')).toEqual([]);
    expect(ofKind(snapshot, 'Deployment')).toHaveLength(perKind);
  });

  it('asks again after a 503 and notes a kind the server does not serve (404)', async () => {
    const { double, kubeconfig } = await startDouble({
      unavailable: { deployments: 2 },
      missing: ['cronjobs'],
    });
    const snapshot = await readCluster({ kubeconfig, pageSize, env: {} });

    expect(ofKind(snapshot, 'Deployment')).toHaveLength(perKind);
    const deployments = double.requests.filter((request) => request.path.endsWith('/deployments'));
    expect(deployments.map((request) => request.status)).toEqual([503, 503, 200, 200, 200]);
    expect(snapshot.notes).toEqual([
      'cannot list cronjobs: batch/v1 cronjobs is not served by this API server (404)',
    ]);
    expect(ofKind(snapshot, 'CronJob')).toEqual([]);
  });

  it('stops at the object limit with a note', async () => {
    const { kubeconfig } = await startDouble();
    const snapshot = await readCluster({
      kubeconfig,
      pageSize,
      maxObjects: 12,
      concurrency: 1,
      env: {},
    });

    expect(snapshot.objects).toHaveLength(12);
    // One kind at a time: namespaces and cluster roles whole, two of the bindings, nothing after.
    expect(ofKind(snapshot, 'Namespace')).toHaveLength(perKind);
    expect(ofKind(snapshot, 'ClusterRole')).toHaveLength(perKind);
    expect(ofKind(snapshot, 'ClusterRoleBinding')).toHaveLength(2);
    expect(snapshot.notes).toHaveLength(1);
    expect(snapshot.notes[0]).toMatch(
      /^stopped at the limit of 12 objects: clusterrolebindings, roles, .*, replicasets incomplete or not read$/
    );
  });

  it('takes its token from an exec credential plugin, as kubectl would', async () => {
    const { double } = await startDouble();
    const plugin = join(work, 'credential-plugin.sh');
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token, expirationTimestamp: '2999-01-01T00:00:00Z' },
    };
    writeFileSync(plugin, `#!/bin/sh\necho '${JSON.stringify(credential)}'\n`, { mode: 0o755 });
    const kubeconfig = join(work, 'exec-kubeconfig');
    const yaml = double
      .kubeconfig({ context: 'exec' })
      .replace(
        `token: ${token}`,
        `exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: ${plugin}\n        interactiveMode: Never`
      );
    expect(yaml).not.toContain(token);
    writeFileSync(kubeconfig, yaml);

    const snapshot = await readCluster({ kubeconfig, env: {} });
    expect(snapshot.notes).toEqual([]);
    expect(ofKind(snapshot, 'Pod')).toHaveLength(perKind);
  });
});

describe('readCluster errors', () => {
  /** A kubeconfig whose user runs `command` as its exec credential plugin. */
  function execKubeconfig(double: KubeApiDouble, name: string, command: string): string {
    const path = join(work, `${name}-kubeconfig`);
    const yaml = double
      .kubeconfig({ context: name })
      .replace(
        `token: ${token}`,
        `exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: ${command}\n        interactiveMode: Never`
      );
    writeFileSync(path, yaml);
    return path;
  }

  it('reports a failing credential plugin as an AuthenticationError, a missing one as InputError', async () => {
    const { double } = await startDouble();
    const plugin = join(work, 'failing-plugin.sh');
    writeFileSync(plugin, '#!/bin/sh\necho "error: the SSO session has expired" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const failing = await rejection(
      readCluster({ kubeconfig: execKubeconfig(double, 'sso', plugin), env: {} })
    );
    expect(failing).toBeInstanceOf(AuthenticationError);
    expect(failing.message).toBe(
      `the API server ${double.server} (context sso): the kubeconfig's credentials failed: error: the SSO session has expired`
    );

    const absent = join(work, 'no-such-plugin');
    const missing = await rejection(
      readCluster({ kubeconfig: execKubeconfig(double, 'absent', absent), env: {} })
    );
    expect(missing).toBeInstanceOf(InputError);
    expect(missing.message).toBe(
      `context absent: the kubeconfig's credential plugin ${absent} could not be run (ENOENT)`
    );
    expect(double.requests).toEqual([]);
  });

  it('refuses a wrong or expired token with an AuthenticationError naming the server', async () => {
    const { double } = await startDouble();
    const kubeconfig = join(work, 'wrong-token');
    await double.writeKubeconfig(kubeconfig, { token: 'expired-token-value' });

    const error = await rejection(readCluster({ kubeconfig, env: {} }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(
      `the API server ${double.server} (context double) refused the credentials (401 Unauthorized): the token may have expired or been revoked`
    );
    expect(error.message).not.toContain('expired-token-value');
    // Refused at the first call: no list was tried.
    expect(double.requests.map((request) => request.path)).toEqual(['/version']);
  });

  it('refuses credentials that may list nothing at all', async () => {
    const { kubeconfig } = await startDouble({
      forbidden: kubeResources.map((res) => res.plural),
    });
    const error = await rejection(readCluster({ kubeconfig, env: {} }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(
      /may list none of the kinds Palisade reads \(cannot list namespaces: forbidden/
    );
  });

  it('fails with an ExternalHostError when nothing listens at the server', async () => {
    const { double } = await startDouble();
    const port = await closedPort();
    const server = `https://127.0.0.1:${port}`;
    const kubeconfig = join(work, 'closed-port');
    await double.writeKubeconfig(kubeconfig, { server });

    const error = await rejection(readCluster({ kubeconfig, env: {} }));
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toBe(
      `cannot reach the API server ${server} (context double): ECONNREFUSED`
    );
  });

  it('fails with an ExternalHostError when the server never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const address = silent.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const { double } = await startDouble();
      const kubeconfig = join(work, 'silent');
      await double.writeKubeconfig(kubeconfig, { server: `https://127.0.0.1:${port}` });

      const error = await rejection(readCluster({ kubeconfig, timeoutMs: 800, env: {} }));
      expect(error).toBeInstanceOf(ExternalHostError);
      expect(error.message).toBe(
        `the API server https://127.0.0.1:${port} (context double) did not answer within 800 ms`
      );
    } finally {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('fails with an ExternalHostError when the certificate is not the kubeconfig CA', async () => {
    const { double } = await startDouble();
    const other = await makeServingCertificate();
    const kubeconfig = join(work, 'other-ca');
    await double.writeKubeconfig(kubeconfig, { caPem: other.certPem });

    const error = await rejection(readCluster({ kubeconfig, env: {} }));
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toMatch(
      new RegExp(`^the API server ${double.server} \\(context double\\): TLS verification failed`)
    );
  });

  it('names a missing kubeconfig file (UsageError)', async () => {
    const missing = join(work, 'no-such-kubeconfig');
    const error = await rejection(readCluster({ kubeconfig: missing, env: {} }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`kubeconfig ${missing} does not exist`);

    const home = join(work, 'empty-home');
    mkdirSync(home, { recursive: true });
    const noDefault = await rejection(readCluster({ env: { HOME: home } }));
    expect(noDefault).toBeInstanceOf(UsageError);
    expect(noDefault.message).toBe(
      `no kubeconfig: ${join(home, '.kube', 'config')} does not exist (pass --kubeconfig or set KUBECONFIG)`
    );
  });

  it('names an unknown context and the contexts there are (UsageError)', async () => {
    const { kubeconfig } = await startDouble();
    const error = await rejection(readCluster({ kubeconfig, context: 'prod', env: {} }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `context "prod" is not in kubeconfig ${kubeconfig} (contexts: double)`
    );
  });

  it('asks for --context when the kubeconfig sets no current-context (UsageError)', async () => {
    const { double } = await startDouble();
    const kubeconfig = join(work, 'no-current');
    await double.writeKubeconfig(kubeconfig, { currentContext: null });
    const error = await rejection(readCluster({ kubeconfig, env: {} }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/sets no current-context: pass --context \(contexts: double\)$/);

    const snapshot = await readCluster({ kubeconfig, context: 'double', env: {} });
    expect(ofKind(snapshot, 'Namespace')).toHaveLength(perKind);
  });

  it('refuses a kubeconfig with no clusters or broken YAML without quoting it (InputError)', async () => {
    const empty = join(work, 'no-clusters');
    writeFileSync(empty, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
    const none = await rejection(readCluster({ kubeconfig: empty, env: {} }));
    expect(none).toBeInstanceOf(InputError);
    expect(none.message).toBe(`kubeconfig ${empty} defines no clusters`);

    const broken = join(work, 'broken');
    writeFileSync(
      broken,
      `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${token}\n   bad: [indent\n`
    );
    const error = await rejection(readCluster({ kubeconfig: broken, env: {} }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(new RegExp(`^kubeconfig ${broken}: not valid YAML at line \\d+`));
    expect(error.message).not.toContain(token);

    const scalar = join(work, 'scalar');
    writeFileSync(scalar, 'just a string\n');
    const notConfig = await rejection(readCluster({ kubeconfig: scalar, env: {} }));
    expect(notConfig).toBeInstanceOf(InputError);
  });

  it('refuses a context whose cluster or user is not defined, or plain HTTP (InputError)', async () => {
    const kubeconfig = join(work, 'dangling');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'clusters:',
        '- name: c',
        '  cluster: {server: "https://127.0.0.1:6443"}',
        '- name: h',
        '  cluster: {server: "http://127.0.0.1:8080"}',
        'users:',
        '- name: v',
        '  user: {token: abc}',
        'contexts:',
        '- name: a',
        '  context: {cluster: missing, user: u}',
        '- name: b',
        '  context: {cluster: c, user: u}',
        '- name: plain',
        '  context: {cluster: h, user: v}',
        'current-context: a',
        '',
      ].join('\n')
    );
    const cluster = await rejection(readCluster({ kubeconfig, env: {} }));
    expect(cluster).toBeInstanceOf(InputError);
    expect(cluster.message).toBe(
      `context "a" of kubeconfig ${kubeconfig} names cluster "missing", which is not defined`
    );
    const user = await rejection(readCluster({ kubeconfig, context: 'b', env: {} }));
    expect(user).toBeInstanceOf(InputError);
    expect(user.message).toBe(
      `context "b" of kubeconfig ${kubeconfig} names user "u", which is not defined`
    );
    const plain = await rejection(readCluster({ kubeconfig, context: 'plain', env: {} }));
    expect(plain).toBeInstanceOf(InputError);
    expect(plain.message).toBe(
      `context "plain" of kubeconfig ${kubeconfig}: server http://127.0.0.1:8080 is plain HTTP, which the client uses only with insecure-skip-tls-verify: true`
    );
  });
});

describe('readCluster kubeconfig lookup', () => {
  it('reads KUBECONFIG, skipping missing files, when no --kubeconfig is given', async () => {
    const { double, kubeconfig } = await startDouble();
    const missing = join(work, 'missing-in-list');
    const snapshot = await readCluster({
      env: { KUBECONFIG: [missing, kubeconfig].join(delimiter), HOME: join(work, 'nowhere') },
    });
    expect(snapshot.source).toBe(`cluster: double (${double.server})`);
    expect(ofKind(snapshot, 'Pod')).toHaveLength(perKind);

    const none = await rejection(readCluster({ env: { KUBECONFIG: missing } }));
    expect(none).toBeInstanceOf(UsageError);
    expect(none.message).toBe(`no file of KUBECONFIG exists: ${missing}`);
  });

  it('merges KUBECONFIG files as kubectl does: the first current-context and name win', async () => {
    const { double } = await startDouble();
    const port = await closedPort();
    const closed = `https://127.0.0.1:${port}`;
    const staging = join(work, 'merge-staging');
    const prod = join(work, 'merge-prod');
    const stale = join(work, 'merge-stale-prod');
    await double.writeKubeconfig(staging, { context: 'staging', server: closed });
    await double.writeKubeconfig(prod, { context: 'prod' });
    await double.writeKubeconfig(stale, { context: 'prod', server: closed });
    const list = (...files: string[]): Record<string, string> => ({
      KUBECONFIG: files.join(delimiter),
    });

    // current-context comes from the first file that sets one (staging, the closed port).
    const error = await rejection(readCluster({ env: list(staging, prod) }));
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toContain('(context staging)');

    // --context picks a context of the second file.
    const snapshot = await readCluster({ env: list(staging, prod), context: 'prod' });
    expect(snapshot.source).toBe(`cluster: prod (${double.server})`);
    expect(snapshot.notes).toEqual([]);

    // Two files define `prod`: the first one wins it, whichever it is.
    const shadowed = await rejection(readCluster({ env: list(stale, prod), context: 'prod' }));
    expect(shadowed).toBeInstanceOf(ExternalHostError);
    expect(shadowed.message).toContain(closed);
    const kept = await readCluster({ env: list(prod, stale), context: 'prod' });
    expect(kept.source).toBe(`cluster: prod (${double.server})`);
  });

  it('falls back to ~/.kube/config', async () => {
    const { double } = await startDouble();
    const home = join(work, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    await double.writeKubeconfig(join(home, '.kube', 'config'), { context: 'home' });
    const snapshot = await readCluster({ env: { HOME: home } });
    expect(snapshot.source).toBe(`cluster: home (${double.server})`);
    expect(ofKind(snapshot, 'Namespace')).toHaveLength(perKind);
  });

  it('falls back to the pod service account in a pod without a kubeconfig', async () => {
    const { double } = await startDouble();
    const account = mkdtempSync(join(work, 'sa-'));
    // The kubelet writes the projected token without a line break.
    writeFileSync(join(account, 'token'), token);
    writeFileSync(join(account, 'ca.crt'), double.caPem);
    const port = new URL(double.server).port;
    const env = {
      HOME: join(work, 'nowhere'),
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: port,
    };
    const snapshot = await readCluster({ env, serviceAccountDir: account });
    expect(snapshot.source).toBe(`cluster: in-cluster (https://127.0.0.1:${port})`);
    expect(ofKind(snapshot, 'Pod')).toHaveLength(perKind);
    // The double answers lists only to its token: the pods came with the mounted one.

    const context = await rejection(
      readCluster({ env, serviceAccountDir: account, context: 'prod' })
    );
    expect(context).toBeInstanceOf(UsageError);
    expect(context.message).toContain('--context needs a kubeconfig');

    const empty = mkdtempSync(join(work, 'sa-'));
    writeFileSync(join(empty, 'ca.crt'), double.caPem);
    const noToken = await rejection(readCluster({ env, serviceAccountDir: empty }));
    expect(noToken).toBeInstanceOf(InputError);
    expect(noToken.message).toBe(
      `in-cluster configuration: ${join(empty, 'token')} does not exist (is a service account token mounted?)`
    );

    writeFileSync(join(account, 'token'), 'rotated-and-revoked');
    const revoked = await rejection(readCluster({ env, serviceAccountDir: account }));
    expect(revoked).toBeInstanceOf(AuthenticationError);
    expect(revoked.message).toContain('401 Unauthorized');

    // A hand-written token file with a line break: the client puts it in the header as is, and
    // the HTTP library's complaint quotes the token; the message must not.
    writeFileSync(join(account, 'token'), `${token}\n`);
    const broken = await rejection(readCluster({ env, serviceAccountDir: account }));
    expect(broken).toBeInstanceOf(AuthenticationError);
    expect(broken.message).toContain('a line break in the token?');
    expect(broken.message).not.toContain(token);
    expect(broken.cause).toBeUndefined();

    const outside = await rejection(
      readCluster({ env: { HOME: join(work, 'nowhere') }, serviceAccountDir: account })
    );
    expect(outside).toBeInstanceOf(UsageError);
    expect(outside.message).toContain('no kubeconfig');
  });

  it('rejects options that are not positive integers (UsageError)', async () => {
    const error = await rejection(readCluster({ pageSize: 0, env: {} }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('pageSize must be a positive integer, not 0');
  });
});
