import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  podSpec,
  snapshot,
  workload,
  type Fields,
} from '../../../../test/harness/kube-objects.js';
import type { Check, CheckResult } from '../../check/types.js';
import type { KubeObject } from '../../snapshot/types.js';
import { check as awsAuthWriters } from './aws-auth-writers.js';
import { check as clusterAdmin } from './cluster-admin.js';
import { check as clusterAdminNamespaced } from './cluster-admin-namespaced.js';
import { check as csrApprovers } from './csr-approvers.js';
import { check as nodesProxy } from './nodes-proxy.js';
import { check as persistentVolumeCreators } from './persistent-volume-creators.js';
import { check as podCreators } from './pod-creators.js';
import { check as podCreatorsNamespaced } from './pod-creators-namespaced.js';
import { check as podExec } from './pod-exec.js';
import { check as podExecNamespaced } from './pod-exec-namespaced.js';
import { check as privilegeEscalation } from './privilege-escalation.js';
import { check as privilegeEscalationNamespaced } from './privilege-escalation-namespaced.js';
import { check as secretsReaders } from './secrets-readers.js';
import { check as secretsReadersNamespaced } from './secrets-readers-namespaced.js';
import { check as tokenCreators } from './token-creators.js';
import { check as tokenCreatorsNamespaced } from './token-creators-namespaced.js';
import { check as webhookConfigWriters } from './webhook-config-writers.js';

function rule(
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  more: Fields = {}
): Fields {
  return { apiGroups, resources, verbs, ...more };
}

function clusterRole(name: string, ...rules: Fields[]): KubeObject {
  return object('ClusterRole', name, { rules });
}

function role(namespace: string, name: string, ...rules: Fields[]): KubeObject {
  return object('Role', name, { rules }, namespace);
}

type SubjectFields = { kind: string; name: string; namespace?: string };

const user = (name: string): SubjectFields => ({ kind: 'User', name });
const group = (name: string): SubjectFields => ({ kind: 'Group', name });

function clusterBinding(name: string, roleName: string, ...subjects: SubjectFields[]): KubeObject {
  return object('ClusterRoleBinding', name, {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects,
  });
}

function binding(
  namespace: string,
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  ...subjects: SubjectFields[]
): KubeObject {
  return object(
    'RoleBinding',
    name,
    { roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects },
    namespace
  );
}

/** One cluster with a subject for every power, and subjects that hold none. */
const world = snapshot(
  // cluster-admin, by name (the bootstrap definition) and by its all-wildcard rule.
  clusterBinding('root', 'cluster-admin', user('root'), group('system:masters')),
  binding('team', 'team-root', { kind: 'ClusterRole', name: 'cluster-admin' }, user('ns-root')),
  clusterRole('all-star', rule(['*'], ['*'], ['*'])),
  clusterBinding('wild', 'all-star', user('wild')),
  // Secrets.
  clusterRole('secret-reader', rule([''], ['secrets'], ['get', 'list'])),
  clusterBinding('deployer-secrets', 'secret-reader', {
    kind: 'ServiceAccount',
    name: 'deployer',
    namespace: 'ci',
  }),
  object('ServiceAccount', 'deployer', {}, 'ci'),
  workload('Deployment', 'runner', podSpec({ serviceAccountName: 'deployer' }), 'ci'),
  cronJob('nightly', podSpec({ serviceAccountName: 'deployer' }), 'ci'),
  binding(
    'kube-system',
    'ks-secrets',
    { kind: 'ClusterRole', name: 'secret-reader' },
    user('ks-reader')
  ),
  role('team', 'one-secret', rule([''], ['secrets'], ['get'], { resourceNames: ['app-db'] })),
  binding(
    'team',
    'app-secret',
    { kind: 'Role', name: 'one-secret' },
    {
      kind: 'ServiceAccount',
      name: 'app',
    }
  ),
  // The built-in edit role in one namespace.
  binding('team', 'devs-edit', { kind: 'ClusterRole', name: 'edit' }, group('devs')),
  // Pod creation, exec, escalation.
  clusterRole('deployments', rule(['apps'], ['deployments'], ['create', 'patch'])),
  clusterBinding('platform-deploys', 'deployments', group('platform')),
  clusterRole('exec', rule([''], ['pods/exec'], ['create'])),
  clusterBinding('debuggers', 'exec', user('debugger')),
  clusterRole('binder', rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['bind'])),
  clusterBinding('binders', 'binder', user('binder')),
  clusterRole('impersonator', rule([''], ['users', 'groups'], ['impersonate'])),
  binding(
    'team',
    'impersonators',
    { kind: 'ClusterRole', name: 'impersonator' },
    user('ns-impersonator')
  ),
  // Cluster-scoped resources.
  clusterRole('kubelet-api', rule([''], ['nodes/proxy'], ['get'])),
  clusterBinding('kubelet-api', 'kubelet-api', user('node-proxy')),
  binding(
    'team',
    'kubelet-api',
    { kind: 'ClusterRole', name: 'kubelet-api' },
    user('ns-node-proxy')
  ),
  clusterRole('pv-maker', rule([''], ['persistentvolumes'], ['create'])),
  clusterBinding('pv-makers', 'pv-maker', user('pv-maker')),
  clusterRole(
    'webhooks',
    rule(['admissionregistration.k8s.io'], ['mutatingwebhookconfigurations'], ['patch'])
  ),
  clusterBinding('webhook-admins', 'webhooks', user('webhook-admin')),
  clusterRole('minter', rule([''], ['serviceaccounts/token'], ['create'])),
  clusterBinding('minters', 'minter', user('minter')),
  clusterRole(
    'csr-approval',
    rule(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update'])
  ),
  clusterRole(
    'csr-signer',
    rule(['certificates.k8s.io'], ['signers'], ['approve'], {
      resourceNames: ['kubernetes.io/kube-apiserver-client'],
    })
  ),
  clusterBinding('csr-half', 'csr-approval', user('csr-half'), user('csr-full')),
  clusterBinding('csr-signer', 'csr-signer', user('csr-full')),
  // aws-auth: allowed by name, and a rule naming only another ConfigMap.
  role(
    'kube-system',
    'aws-auth-edit',
    rule([''], ['configmaps'], ['update'], { resourceNames: ['aws-auth'] })
  ),
  binding(
    'kube-system',
    'aws-auth-edit',
    { kind: 'Role', name: 'aws-auth-edit' },
    user('aws-auth-editor')
  ),
  role(
    'kube-system',
    'coredns-edit',
    rule([''], ['configmaps'], ['update', 'patch'], { resourceNames: ['coredns'] })
  ),
  binding(
    'kube-system',
    'coredns-edit',
    { kind: 'Role', name: 'coredns-edit' },
    user('coredns-editor')
  ),
  // A binding whose role is gone, and an account with no binding at all.
  binding('team', 'gone', { kind: 'Role', name: 'deleted' }, user('nobody')),
  object('ServiceAccount', 'idle', {}, 'ci')
);

function resultFor(results: readonly CheckResult[], label: string): CheckResult | undefined {
  return results.find((result) => {
    const { kind, namespace, name } = result.resource;
    return `${kind} ${namespace !== undefined ? `${namespace}/` : ''}${name}` === label;
  });
}

interface Case {
  check: Check;
  severity: string;
  controls: string[];
  /** Subjects that fail, with a piece of the reason. */
  fails: [string, string][];
  /** Subjects that pass. */
  passes: string[];
  /** Subjects a namespaced check leaves to its cluster-wide sibling. */
  absent?: string[];
}

const cases: Case[] = [
  {
    check: clusterAdmin,
    severity: 'critical',
    controls: ['4.1.1'],
    fails: [
      [
        'User root',
        'can use cluster-admin cluster-wide via ClusterRoleBinding root → ClusterRole cluster-admin (built-in; not in the snapshot)',
      ],
      [
        'User wild',
        'can do anything (ClusterRole all-star rules[0]: * verbs on * resources in * API groups, as cluster-admin) cluster-wide via ClusterRoleBinding wild → ClusterRole all-star',
      ],
    ],
    passes: ['Group system:masters', 'User ns-root', 'ServiceAccount ci/deployer', 'Group devs'],
  },
  {
    check: clusterAdminNamespaced,
    severity: 'medium',
    controls: ['4.1.1'],
    fails: [
      ['User ns-root', 'can use cluster-admin in namespace team via RoleBinding team/team-root'],
    ],
    passes: ['Group devs', 'User nobody', 'Group system:masters'],
    absent: ['User root', 'User wild'],
  },
  {
    check: secretsReaders,
    severity: 'high',
    controls: ['4.1.2'],
    fails: [
      [
        'ServiceAccount ci/deployer',
        'ServiceAccount ci/deployer (used by Deployment ci/runner, CronJob ci/nightly) can get, list secrets cluster-wide via ClusterRoleBinding deployer-secrets → ClusterRole secret-reader.',
      ],
      [
        'User ks-reader',
        'can get, list secrets in namespace kube-system via RoleBinding kube-system/ks-secrets → ClusterRole secret-reader',
      ],
      ['User root', 'can get, list, watch secrets cluster-wide'],
    ],
    passes: [
      'Group devs',
      'ServiceAccount team/app',
      'ServiceAccount ci/idle',
      'Group system:masters',
    ],
  },
  {
    check: secretsReadersNamespaced,
    severity: 'medium',
    controls: ['4.1.2'],
    fails: [
      [
        'ServiceAccount team/app',
        'can get secrets (only resourceNames app-db) in namespace team via RoleBinding team/app-secret → Role team/one-secret',
      ],
      [
        'Group devs',
        'can get, list, watch secrets in namespace team via RoleBinding team/devs-edit → ClusterRole edit (built-in; not in the snapshot) (with rules of aggregated ClusterRole system:aggregate-to-edit)',
      ],
    ],
    passes: ['ServiceAccount ci/idle', 'User nobody'],
    absent: ['ServiceAccount ci/deployer', 'User ks-reader'],
  },
  {
    check: podCreators,
    severity: 'high',
    controls: ['4.1.4'],
    fails: [
      [
        'Group platform',
        'can create, patch deployments cluster-wide via ClusterRoleBinding platform-deploys → ClusterRole deployments',
      ],
    ],
    passes: ['Group devs', 'User debugger'],
  },
  {
    check: podCreatorsNamespaced,
    severity: 'medium',
    controls: ['4.1.4'],
    fails: [
      [
        'Group devs',
        'can create pods and create, update, patch deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs, replicationcontrollers in namespace team',
      ],
    ],
    passes: ['ServiceAccount team/app'],
    absent: ['Group platform'],
  },
  {
    check: podExec,
    severity: 'high',
    controls: [],
    fails: [
      [
        'User debugger',
        'can create pods/exec cluster-wide via ClusterRoleBinding debuggers → ClusterRole exec',
      ],
    ],
    passes: ['Group devs', 'Group platform'],
  },
  {
    check: podExecNamespaced,
    severity: 'medium',
    controls: [],
    fails: [['Group devs', 'can create, get pods/exec, pods/attach in namespace team']],
    passes: ['Group platform'],
    absent: ['User debugger'],
  },
  {
    check: privilegeEscalation,
    severity: 'critical',
    controls: ['4.1.8'],
    fails: [
      [
        'User binder',
        'can bind clusterroles cluster-wide via ClusterRoleBinding binders → ClusterRole binder',
      ],
    ],
    passes: ['User ns-impersonator', 'Group devs'],
  },
  {
    check: privilegeEscalationNamespaced,
    severity: 'medium',
    controls: ['4.1.8'],
    fails: [['Group devs', 'can impersonate serviceaccounts in namespace team']],
    // Users and groups are cluster-scoped: a RoleBinding cannot grant impersonating them.
    passes: ['User ns-impersonator'],
    absent: ['User binder'],
  },
  {
    check: persistentVolumeCreators,
    severity: 'high',
    controls: ['4.1.9'],
    fails: [
      [
        'User pv-maker',
        'can create persistentvolumes cluster-wide via ClusterRoleBinding pv-makers → ClusterRole pv-maker',
      ],
    ],
    passes: ['Group devs', 'User ns-root'],
  },
  {
    check: nodesProxy,
    severity: 'high',
    controls: ['4.1.10'],
    fails: [
      [
        'User node-proxy',
        'can get nodes/proxy cluster-wide via ClusterRoleBinding kubelet-api → ClusterRole kubelet-api',
      ],
    ],
    passes: ['User ns-node-proxy', 'Group devs'],
  },
  {
    check: webhookConfigWriters,
    severity: 'high',
    controls: ['4.1.11'],
    fails: [['User webhook-admin', 'can patch mutatingwebhookconfigurations cluster-wide']],
    passes: ['Group devs'],
  },
  {
    check: tokenCreators,
    severity: 'high',
    controls: ['4.1.12'],
    fails: [
      [
        'User minter',
        'can create serviceaccounts/token cluster-wide via ClusterRoleBinding minters → ClusterRole minter',
      ],
    ],
    passes: ['Group devs', 'ServiceAccount ci/deployer'],
  },
  {
    check: tokenCreatorsNamespaced,
    severity: 'medium',
    controls: ['4.1.12'],
    fails: [['Group devs', 'can create serviceaccounts/token in namespace team']],
    passes: ['ServiceAccount ci/deployer'],
    absent: ['User minter'],
  },
  {
    check: csrApprovers,
    severity: 'high',
    controls: [],
    fails: [
      [
        'User csr-full',
        'can update certificatesigningrequests/approval cluster-wide via ClusterRoleBinding csr-half → ClusterRole csr-approval; can approve signers (only resourceNames kubernetes.io/kube-apiserver-client) cluster-wide via ClusterRoleBinding csr-signer → ClusterRole csr-signer',
      ],
    ],
    passes: ['User csr-half', 'Group devs'],
  },
  {
    check: awsAuthWriters,
    severity: 'critical',
    controls: [],
    fails: [
      [
        'User aws-auth-editor',
        'can update configmaps (kube-system/aws-auth) in namespace kube-system via RoleBinding kube-system/aws-auth-edit → Role kube-system/aws-auth-edit',
      ],
      ['User root', 'can update, patch configmaps (kube-system/aws-auth) cluster-wide'],
    ],
    passes: ['User coredns-editor', 'Group devs'],
  },
];

describe.each(cases)('$check.id', ({ check, severity, controls, fails, passes, absent }) => {
  const results = check.run(world);

  it('names its severity and CIS EKS 1.8.0 controls', () => {
    expect(check.id).toMatch(/^rbac-/);
    expect(check.severity).toBe(severity);
    expect(check.controls).toEqual(controls.map((id) => ({ framework: 'cis-eks-1.8.0', id })));
  });

  it.each(fails)('fails %s', (label, reason) => {
    const result = resultFor(results, label);
    expect(result?.status).toBe('fail');
    expect(result?.reason).toContain(reason);
  });

  it.each(passes)('passes %s', (label) => {
    const result = resultFor(results, label);
    expect(result?.status).toBe('pass');
    expect(result?.reason).toMatch(/cannot|system:masters/);
  });

  it.each(absent ?? [])('leaves %s to its cluster-wide sibling', (label) => {
    expect(resultFor(results, label)).toBeUndefined();
  });

  it('judges each subject once', () => {
    const labels = results.map((result) => JSON.stringify(result.resource));
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('subject results', () => {
  it('use the ServiceAccount object as the resource, and a bare ref for users and groups', () => {
    const results = secretsReaders.run(world);
    expect(resultFor(results, 'ServiceAccount ci/deployer')?.resource).toEqual({
      kind: 'ServiceAccount',
      name: 'deployer',
      namespace: 'ci',
      apiVersion: 'v1',
    });
    expect(resultFor(results, 'User root')?.resource).toEqual({ kind: 'User', name: 'root' });
  });

  it('cover every subject a binding names and every ServiceAccount, passing those without power', () => {
    const results = secretsReaders.run(world);
    expect(
      results
        .filter((result) => result.resource.kind === 'ServiceAccount')
        .map((r) => r.resource.name)
    ).toEqual(['deployer', 'idle', 'app']);
    expect(resultFor(results, 'ServiceAccount ci/idle')?.reason).toBe(
      'ServiceAccount ci/idle cannot get, list or watch secrets cluster-wide or in kube-system.'
    );
  });

  it('note bindings whose role is missing in the reason, and still pass the subject', () => {
    const result = resultFor(secretsReadersNamespaced.run(world), 'User nobody');
    expect(result).toEqual({
      status: 'pass',
      resource: { kind: 'User', name: 'nobody' },
      reason:
        'User nobody cannot get, list or watch secrets in any namespace. Note: RoleBinding team/gone grants nothing: Role team/deleted is not in the snapshot.',
    });
  });

  it('trace a power granted to a service account group to the workloads that hold it', () => {
    const snap = snapshot(
      clusterRole('secret-reader', rule([''], ['secrets'], ['watch'])),
      clusterBinding('ci-sas', 'secret-reader', group('system:serviceaccounts:ci')),
      workload('Deployment', 'runner', podSpec({ serviceAccountName: 'builder' }), 'ci'),
      cronJob('nightly', podSpec({ automountServiceAccountToken: false }), 'ci'),
      workload('Deployment', 'web', podSpec(), 'prod')
    );
    const results = secretsReaders.run(snap);
    expect(resultFor(results, 'ServiceAccount ci/builder')?.reason).toBe(
      'ServiceAccount ci/builder (used by Deployment ci/runner) can watch secrets cluster-wide via ClusterRoleBinding ci-sas (to Group system:serviceaccounts:ci) → ClusterRole secret-reader.'
    );
    expect(resultFor(results, 'ServiceAccount ci/default')?.reason).toContain(
      'ServiceAccount ci/default (used by CronJob ci/nightly (token not mounted)) can watch secrets'
    );
    expect(resultFor(results, 'ServiceAccount prod/default')?.status).toBe('pass');
    expect(resultFor(results, 'Group system:serviceaccounts:ci')?.status).toBe('fail');
  });

  it('name at most five workloads of an account and count the rest', () => {
    const snap = snapshot(
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) =>
        workload('Deployment', name, podSpec({ serviceAccountName: 'shared' }), 'ci')
      )
    );
    expect(resultFor(podExec.run(snap), 'ServiceAccount ci/shared')?.reason).toBe(
      'ServiceAccount ci/shared (used by Deployment ci/a, Deployment ci/b, Deployment ci/c, Deployment ci/d, Deployment ci/e and 2 more) cannot exec or attach into pods or add ephemeral containers cluster-wide or in kube-system.'
    );
  });

  it('report unreadable bindings as manual in the cluster-admin check', () => {
    const snap = snapshot(object('ClusterRoleBinding', 'broken', { subjects: [] }));
    expect(clusterAdmin.run(snap)).toEqual([
      {
        status: 'manual',
        resource: {
          kind: 'ClusterRoleBinding',
          name: 'broken',
          apiVersion: 'rbac.authorization.k8s.io/v1',
        },
        reason: expect.stringContaining(
          'the ClusterRoleBinding could not be read, so whom it grants what is unknown: ClusterRoleBinding broken is malformed: roleRef'
        ) as unknown,
      },
    ]);
  });

  it('return nothing for a snapshot without subjects', () => {
    expect(secretsReaders.run(snapshot())).toEqual([]);
  });
});

describe('subject notes', () => {
  it('name the binding subjects no result could be given for', () => {
    const cluster = snapshot(
      clusterRole('reader', rule([''], ['secrets'], ['get'])),
      clusterBinding('odd', 'reader', { kind: 'Robot', name: 'r2' }, user('alice'))
    );

    const results = secretsReaders.run(cluster);

    expect(resultFor(results, 'User alice')?.status).toBe('fail');
    expect(secretsReaders.notes?.(cluster)).toEqual([
      'ClusterRoleBinding odd: subject r2 has unknown kind Robot; skipped',
    ]);
  });
});
