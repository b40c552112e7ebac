import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  pod,
  podSpec,
  snapshot,
  workload,
  type Fields,
} from '../../../../test/harness/kube-objects.js';
import type { CheckResult } from '../../check/types.js';
import { check as defaultServiceAccounts } from './default-service-accounts.js';
import { checks } from './index.js';
import { check as wildcardClusterRoles } from './wildcard-cluster-roles.js';
import { check as wildcardRoles } from './wildcard-roles.js';

function rule(
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  more: Fields = {}
): Fields {
  return { apiGroups, resources, verbs, ...more };
}

const cis = (id: string): { framework: string; id: string } => ({ framework: 'cis-eks-1.8.0', id });

function byName(results: readonly CheckResult[], name: string, namespace?: string): CheckResult {
  const found = results.find(
    (result) => result.resource.name === name && result.resource.namespace === namespace
  );
  if (found === undefined) {
    throw new Error(`no result for ${namespace ?? ''}/${name}`);
  }
  return found;
}

describe('rbac-wildcard-cluster-roles', () => {
  const snap = snapshot(
    object('ClusterRole', 'everything', { rules: [rule(['*'], ['*'], ['*'])] }),
    object('ClusterRole', 'scaler', {
      rules: [
        rule(['apps'], ['deployments'], ['get']),
        rule(['apps'], ['*/scale'], ['update']),
        rule([''], ['configmaps'], ['*'], { resourceNames: ['settings'] }),
      ],
    }),
    object('ClusterRole', 'precise', { rules: [rule([''], ['pods'], ['get', 'list'])] }),
    object('ClusterRole', 'aggregated', {
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] },
      rules: null,
    }),
    object('ClusterRole', 'part', {
      metadata: { labels: { x: 'y' } },
      rules: [rule(['*'], ['pods'], ['get'])],
    }),
    object('ClusterRole', 'broken', { rules: [{ verbs: [1] }] }),
    object('Role', 'namespaced', { rules: [rule(['*'], ['pods'], ['get'])] }, 'team')
  );
  const results = wildcardClusterRoles.run(snap);

  it('maps to CIS 4.1.3 at critical severity', () => {
    expect(wildcardClusterRoles.controls).toEqual([cis('4.1.3')]);
    expect(wildcardClusterRoles.severity).toBe('critical');
  });

  it('fails ClusterRoles with * in apiGroups, resources (*/subresource too) or verbs, naming each rule', () => {
    expect(byName(results, 'everything')).toEqual({
      status: 'fail',
      resource: {
        kind: 'ClusterRole',
        name: 'everything',
        apiVersion: 'rbac.authorization.k8s.io/v1',
      },
      reason: 'rules[0]: apiGroups *, resources *, verbs *',
    });
    expect(byName(results, 'scaler').reason).toBe(
      'rules[1]: resources */scale; rules[2]: verbs * (narrower: only resourceNames settings)'
    );
  });

  it('passes precise ClusterRoles, and judges an aggregated one by its own rules only', () => {
    expect(byName(results, 'precise')).toMatchObject({
      status: 'pass',
      reason: 'no rule has * in apiGroups, resources or verbs',
    });
    expect(byName(results, 'aggregated')).toMatchObject({
      status: 'pass',
      reason:
        'it has no rules of its own (the rules it aggregates are judged in the ClusterRoles that hold them)',
    });
    expect(byName(results, 'part').status).toBe('fail');
  });

  it('lists a ClusterRole that does not parse as manual, and leaves Roles to the other check', () => {
    expect(byName(results, 'broken').status).toBe('manual');
    expect(byName(results, 'broken').reason).toContain('the ClusterRole could not be read');
    expect(results.some((result) => result.resource.kind === 'Role')).toBe(false);
    expect(results).toHaveLength(6);
  });

  it('does not judge the bootstrap roles it supplies for bindings', () => {
    const bound = snapshot(
      object('ClusterRoleBinding', 'admins', {
        roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ kind: 'User', name: 'root' }],
      })
    );
    expect(wildcardClusterRoles.run(bound)).toEqual([]);
  });
});

describe('rbac-wildcard-roles', () => {
  const snap = snapshot(
    object('Role', 'wild', { rules: [rule([''], ['*'], ['get'])] }, 'team'),
    object('Role', 'tame', { rules: [rule([''], ['pods'], ['get'])] }, 'team'),
    object('Role', 'empty', {}, 'team'),
    object('ClusterRole', 'everything', { rules: [rule(['*'], ['*'], ['*'])] })
  );
  const results = wildcardRoles.run(snap);

  it('fails Roles with wildcards and passes the rest, at medium severity', () => {
    expect(wildcardRoles.severity).toBe('medium');
    expect(wildcardRoles.controls).toEqual([cis('4.1.3')]);
    expect(byName(results, 'wild', 'team')).toEqual({
      status: 'fail',
      resource: {
        kind: 'Role',
        name: 'wild',
        namespace: 'team',
        apiVersion: 'rbac.authorization.k8s.io/v1',
      },
      reason: 'rules[0]: resources *',
    });
    expect(byName(results, 'tame', 'team').status).toBe('pass');
    expect(byName(results, 'empty', 'team').reason).toBe('it has no rules of its own');
    expect(results).toHaveLength(3);
  });
});

describe('rbac-default-service-accounts', () => {
  const binding = (name: string, subject: Fields, namespace: string): ReturnType<typeof object> =>
    object(
      'RoleBinding',
      name,
      { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [subject] },
      namespace
    );

  it('maps to CIS 4.1.5 at medium severity', () => {
    expect(defaultServiceAccounts.controls).toEqual([cis('4.1.5')]);
    expect(defaultServiceAccounts.severity).toBe('medium');
  });

  it('passes a default account that does not automount and that nothing binds', () => {
    const results = defaultServiceAccounts.run(
      snapshot(
        object('ServiceAccount', 'default', { automountServiceAccountToken: false }, 'quiet'),
        workload('Deployment', 'web', podSpec(), 'quiet')
      )
    );
    expect(results).toEqual([
      {
        status: 'pass',
        resource: { kind: 'ServiceAccount', name: 'default', namespace: 'quiet', apiVersion: 'v1' },
        reason:
          'ServiceAccount quiet/default: automountServiceAccountToken is false, no binding names it and no pod mounts its token; Deployment quiet/web runs as it without its token',
      },
    ]);
  });

  it('fails a default account that automounts, naming the workloads that mount its token', () => {
    const results = defaultServiceAccounts.run(
      snapshot(
        object('ServiceAccount', 'default', {}, 'apps'),
        workload('Deployment', 'api', podSpec(), 'apps'),
        cronJob('report', podSpec({ serviceAccountName: 'default' }), 'apps'),
        pod('opted-out', podSpec({ automountServiceAccountToken: false }), 'apps')
      )
    );
    expect(byName(results, 'default', 'apps')).toEqual({
      status: 'fail',
      resource: { kind: 'ServiceAccount', name: 'default', namespace: 'apps', apiVersion: 'v1' },
      reason:
        'ServiceAccount apps/default: its automountServiceAccountToken is unset (the token is mounted by default); its token is mounted into Deployment apps/api, CronJob apps/report',
    });
  });

  it('fails a default account that a binding names, directly or as its user name, but not through its groups', () => {
    const results = defaultServiceAccounts.run(
      snapshot(
        object('ServiceAccount', 'default', { automountServiceAccountToken: false }, 'a'),
        object('ServiceAccount', 'default', { automountServiceAccountToken: false }, 'b'),
        object('ServiceAccount', 'default', { automountServiceAccountToken: false }, 'c'),
        binding('direct', { kind: 'ServiceAccount', name: 'default' }, 'a'),
        binding('as-user', { kind: 'User', name: 'system:serviceaccount:b:default' }, 'b'),
        binding('group', { kind: 'Group', name: 'system:serviceaccounts:c' }, 'c')
      )
    );
    expect(byName(results, 'default', 'a')).toMatchObject({
      status: 'fail',
      reason:
        'ServiceAccount a/default: bindings name it: RoleBinding a/direct → ClusterRole view (built-in; not in the snapshot) in namespace a',
    });
    expect(byName(results, 'default', 'b').reason).toContain(
      'RoleBinding b/as-user (to User system:serviceaccount:b:default) → ClusterRole view'
    );
    expect(byName(results, 'default', 'c').status).toBe('pass');
  });

  it('fails a pod that mounts the token though the account opts out', () => {
    const results = defaultServiceAccounts.run(
      snapshot(
        object('ServiceAccount', 'default', { automountServiceAccountToken: false }, 'x'),
        pod('insists', podSpec({ automountServiceAccountToken: true }), 'x')
      )
    );
    expect(byName(results, 'default', 'x')).toMatchObject({
      status: 'fail',
      reason: 'ServiceAccount x/default: its token is mounted into Pod x/insists',
    });
  });

  it('judges a manifest without the account object by the pods that use it', () => {
    const results = defaultServiceAccounts.run(
      snapshot(
        workload('Deployment', 'api', podSpec(), 'm'),
        workload('Deployment', 'quiet', podSpec({ automountServiceAccountToken: false }), 'n')
      )
    );
    expect(byName(results, 'default', 'm')).toMatchObject({
      status: 'fail',
      reason:
        'ServiceAccount m/default: its token is mounted into Deployment m/api (its object is not in the snapshot, so its own setting is taken as unset)',
    });
    expect(byName(results, 'default', 'n')).toMatchObject({
      status: 'pass',
      reason:
        'ServiceAccount n/default: its object is not in the snapshot, no binding names it and no pod mounts its token; Deployment n/quiet runs as it without its token',
    });
  });

  it('lists namespaces whose default account is unseen or unreadable as manual', () => {
    const results = defaultServiceAccounts.run(
      snapshot(
        object('Namespace', 'empty'),
        object('ServiceAccount', 'default', { automountServiceAccountToken: 'no' }, 'odd'),
        object('ServiceAccount', 'other', {}, 'ignored')
      )
    );
    expect(results.map((result) => [result.resource.namespace, result.status])).toEqual([
      ['empty', 'manual'],
      ['odd', 'manual'],
    ]);
    expect(byName(results, 'default', 'empty').reason).toContain('is not in the snapshot');
    expect(byName(results, 'default', 'odd').reason).toContain(
      'ServiceAccount odd/default could not be read'
    );
  });
});

describe('the rbac family', () => {
  it('exports every check file of the folder once, with unique rbac- ids matching the file names', () => {
    const folder = fileURLToPath(new URL('.', import.meta.url));
    const helpers = new Set([
      'builtin-roles',
      'catalog',
      'describe',
      'index',
      'permissions',
      'resolve',
      'subject-check',
      'wildcard-check',
    ]);
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => name.replace(/\.ts$/, ''))
      .filter((name) => !helpers.has(name))
      .sort();
    expect(checks.map((check) => check.id.replace(/^rbac-/, '')).sort()).toEqual(files);
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
  });

  it('gives every check a title, a remediation and a severity the score knows', () => {
    for (const check of checks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.remediation.length).toBeGreaterThan(0);
      expect(['critical', 'high', 'medium', 'low']).toContain(check.severity);
      expect(check.controls.every((control) => control.framework === 'cis-eks-1.8.0')).toBe(true);
    }
  });
});
