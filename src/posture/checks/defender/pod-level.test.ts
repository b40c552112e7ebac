import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  pod,
  podSpec,
  snapshot,
  workload,
} from '../../../../test/harness/kube-objects.js';
import type { Check } from '../../check/types.js';
import type { KubeObject } from '../../snapshot/types.js';
import { check as automount } from './automount-service-account-token.js';
import { check as defaultNamespace } from './default-namespace.js';
import { check as hostNamespaces } from './host-namespaces.js';
import { check as hostNetworkPorts } from './host-network-ports.js';

function run(check: Check, ...objects: KubeObject[]) {
  return check.run(snapshot(...objects));
}

function controlIds(check: Check): string[] {
  return check.controls.map(({ framework, id }) => `${framework}:${id}`);
}

describe('defender-host-namespaces', () => {
  it('names the defender control', () => {
    expect(controlIds(hostNamespaces)).toEqual([
      'defender:containers-sharing-sensitive-host-namespaces-should-be-avoided',
    ]);
  });

  it('passes a pod that shares no host namespace, with the fields absent', () => {
    const [result] = run(hostNamespaces, pod('web', podSpec(), 'shop'));
    expect(result).toEqual({
      status: 'pass',
      resource: { kind: 'Pod', name: 'web', namespace: 'shop', apiVersion: 'v1' },
      reason: 'hostPID and hostIPC are unset or false',
    });
  });

  it('passes explicit false values', () => {
    const [result] = run(hostNamespaces, pod('web', podSpec({ hostPID: false, hostIPC: false })));
    expect(result?.status).toBe('pass');
  });

  it('fails a Deployment template with hostPID and a CronJob with hostIPC, naming the path', () => {
    const results = run(
      hostNamespaces,
      workload('Deployment', 'agent', podSpec({ hostPID: true, hostIPC: true }), 'ops'),
      cronJob('dump', podSpec({ hostIPC: true }), 'ops')
    );
    expect(results).toEqual([
      {
        status: 'fail',
        resource: { kind: 'Deployment', name: 'agent', namespace: 'ops', apiVersion: 'apps/v1' },
        reason: 'spec.template.spec.hostPID is true; spec.template.spec.hostIPC is true',
      },
      {
        status: 'fail',
        resource: { kind: 'CronJob', name: 'dump', namespace: 'ops', apiVersion: 'batch/v1' },
        reason: 'spec.jobTemplate.spec.template.spec.hostIPC is true',
      },
    ]);
  });
});

describe('defender-host-network-ports', () => {
  it('names the defender control only', () => {
    expect(controlIds(hostNetworkPorts)).toEqual([
      'defender:usage-of-host-networking-and-ports-should-be-restricted',
    ]);
  });

  it('passes container ports without hostPort, and hostPort 0', () => {
    const spec = podSpec(
      {},
      { ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 0 }] }
    );
    const [result] = run(hostNetworkPorts, workload('Deployment', 'web', spec));
    expect(result).toMatchObject({ status: 'pass', resource: { kind: 'Deployment', name: 'web' } });
  });

  it('fails hostNetwork and names each container with a hostPort', () => {
    const spec = {
      hostNetwork: true,
      containers: [{ name: 'app', image: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] }],
      initContainers: [{ name: 'setup', image: 'b', ports: [{ hostPort: 9000 }] }],
    };
    const [result] = run(hostNetworkPorts, cronJob('probe', spec, 'ops'));
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'CronJob', name: 'probe', namespace: 'ops', apiVersion: 'batch/v1' },
      reason:
        'spec.jobTemplate.spec.template.spec.hostNetwork is true; container app: ports[].hostPort is 8080 (containerPort 80); init container setup: ports[].hostPort is 9000',
    });
  });
});

describe('defender-automount-service-account-token', () => {
  const account = (name: string, automount: boolean | undefined, namespace = 'shop') =>
    object(
      'ServiceAccount',
      name,
      automount === undefined ? {} : { automountServiceAccountToken: automount },
      namespace
    );

  it('names the defender control and CIS 4.1.6', () => {
    expect(controlIds(automount)).toEqual([
      'defender:kubernetes-clusters-should-disable-automounting-api-credentials',
      'cis-eks-1.8.0:4.1.6',
    ]);
  });

  it('passes a pod that turns the token off, whatever its ServiceAccount says', () => {
    const [result] = run(
      automount,
      pod(
        'web',
        podSpec({ automountServiceAccountToken: false, serviceAccountName: 'web' }),
        'shop'
      ),
      account('web', true)
    );
    expect(result).toEqual({
      status: 'pass',
      resource: { kind: 'Pod', name: 'web', namespace: 'shop', apiVersion: 'v1' },
      reason: 'spec.automountServiceAccountToken is false',
    });
  });

  it('fails a pod that turns the token on, even when its ServiceAccount turns it off', () => {
    const [result] = run(
      automount,
      pod('web', podSpec({ automountServiceAccountToken: true }), 'shop'),
      account('default', false)
    );
    expect(result).toMatchObject({
      status: 'fail',
      reason: 'spec.automountServiceAccountToken is true',
    });
  });

  it('follows a silent Deployment to its ServiceAccount in the same namespace', () => {
    const results = run(
      automount,
      workload('Deployment', 'web', podSpec({ serviceAccountName: 'web' }), 'shop'),
      account('web', false),
      account('web', true, 'other')
    );
    expect(results).toEqual([
      {
        status: 'pass',
        resource: { kind: 'Deployment', name: 'web', namespace: 'shop', apiVersion: 'apps/v1' },
        reason:
          'spec.template.spec.automountServiceAccountToken is not set and ServiceAccount shop/web sets automountServiceAccountToken: false',
      },
    ]);
  });

  it('uses the deprecated serviceAccount field and the default account when none is named', () => {
    const results = run(
      automount,
      cronJob('report', podSpec({ serviceAccount: 'reporter' }), 'shop'),
      pod('plain', podSpec(), 'shop'),
      account('reporter', false),
      account('default', undefined)
    );
    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      [
        'pass',
        'spec.jobTemplate.spec.template.spec.automountServiceAccountToken is not set and ServiceAccount shop/reporter sets automountServiceAccountToken: false',
      ],
      [
        'fail',
        'spec.automountServiceAccountToken is not set and ServiceAccount shop/default does not set automountServiceAccountToken: false',
      ],
    ]);
  });

  it('takes an empty serviceAccountName for the default account, as the API server does', () => {
    const results = run(
      automount,
      pod('blank', podSpec({ serviceAccountName: '' }), 'shop'),
      account('default', false)
    );
    expect(results.map(({ status }) => status)).toEqual(['pass']);
  });

  it('fails when the ServiceAccount is missing from the snapshot or turns the token on', () => {
    const results = run(
      automount,
      pod('a', podSpec({ serviceAccountName: 'ghost' }), 'shop'),
      pod('b', podSpec({ serviceAccountName: 'web' }), 'shop'),
      account('web', true)
    );
    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      [
        'fail',
        'spec.automountServiceAccountToken is not set and ServiceAccount shop/ghost is not in the snapshot, so the token is mounted by default',
      ],
      [
        'fail',
        'spec.automountServiceAccountToken is not set and ServiceAccount shop/web sets automountServiceAccountToken: true',
      ],
    ]);
  });
});

describe('defender-default-namespace', () => {
  it('names the defender control and CIS 4.5.2', () => {
    expect(controlIds(defaultNamespace)).toEqual([
      'defender:kubernetes-clusters-should-not-use-the-default-namespace',
      'cis-eks-1.8.0:4.5.2',
    ]);
  });

  it('fails workloads and application objects in default, passes them elsewhere', () => {
    const results = run(
      defaultNamespace,
      workload('Deployment', 'web', podSpec(), 'default'),
      cronJob('report', podSpec(), 'default'),
      object('ConfigMap', 'settings', {}, 'default'),
      object('Service', 'web', {}, 'shop')
    );
    expect(results.map(({ status, resource }) => [status, resource.kind, resource.name])).toEqual([
      ['fail', 'Deployment', 'web'],
      ['fail', 'CronJob', 'report'],
      ['fail', 'ConfigMap', 'settings'],
      ['pass', 'Service', 'web'],
    ]);
    expect(results[0]?.reason).toBe('Deployment is in the default namespace');
    expect(results[3]?.reason).toBe('Service is in namespace shop');
  });

  it('leaves out what Kubernetes puts in default itself, and other kinds', () => {
    const results = run(
      defaultNamespace,
      object('Service', 'kubernetes', {}, 'default'),
      object('ServiceAccount', 'default', {}, 'default'),
      object('ConfigMap', 'kube-root-ca.crt', {}, 'default'),
      object(
        'Secret',
        'default-token-abcde',
        {
          type: 'kubernetes.io/service-account-token',
          metadata: { annotations: { 'kubernetes.io/service-account.name': 'default' } },
        },
        'default'
      ),
      object('Role', 'reader', {}, 'default'),
      object('Namespace', 'default')
    );
    expect(results).toEqual([]);
  });

  it('judges a controller once, not again through the pods it owns', () => {
    const owned = pod('web-abc', podSpec(), 'default', {
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-123' }],
    });
    const replicaSet = object(
      'ReplicaSet',
      'web-123',
      {
        metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] },
        spec: { template: { spec: podSpec() } },
      },
      'default'
    );
    const results = run(
      defaultNamespace,
      workload('Deployment', 'web', podSpec(), 'default'),
      replicaSet,
      owned
    );
    expect(results.map(({ resource }) => resource.kind)).toEqual(['Deployment']);
  });

  it('reports a manifest object without a namespace as manual', () => {
    const loose = pod('web');
    delete loose.metadata.namespace;
    const [result] = run(defaultNamespace, loose);
    expect(result).toEqual({
      status: 'manual',
      resource: { kind: 'Pod', name: 'web', apiVersion: 'v1' },
      reason:
        'metadata.namespace is not set: the object lands in the namespace it is applied to (default unless one is given)',
    });
  });
});
