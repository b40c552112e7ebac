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
import type { KubeObject } from '../../snapshot/types.js';
import {
  grantAllows,
  permissionPhrases,
  ruleAllows,
  scopeReaches,
  type Permission,
} from './permissions.js';
import {
  allGrants,
  rbacModel,
  resolveRbac,
  selects,
  type RbacSubject,
  type RoleDef,
} from './resolve.js';

function rule(
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  more: Fields = {}
): Fields {
  return { apiGroups, resources, verbs, ...more };
}

function clusterRole(name: string, rules: Fields[] | null, fields: Fields = {}): KubeObject {
  return object('ClusterRole', name, { rules, ...fields });
}

function role(namespace: string, name: string, rules: Fields[]): KubeObject {
  return object('Role', name, { rules }, namespace);
}

function binding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleRef: { kind: string; name: string },
  subjects: Fields[] | null,
  namespace = 'default'
): KubeObject {
  return object(
    kind,
    name,
    { roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects },
    namespace
  );
}

function subjectOf(
  subjects: readonly RbacSubject[],
  kind: string,
  name: string,
  namespace?: string
): RbacSubject {
  const found = subjects.find(
    (subject) => subject.kind === kind && subject.name === name && subject.namespace === namespace
  );
  if (found === undefined) {
    throw new Error(`no subject ${kind} ${namespace ?? ''}/${name}`);
  }
  return found;
}

function roleOf(roles: readonly RoleDef[], kind: string, name: string): RoleDef {
  const found = roles.find((item) => item.kind === kind && item.name === name);
  if (found === undefined) {
    throw new Error(`no ${kind} ${name}`);
  }
  return found;
}

const secrets: Permission = { verbs: ['get', 'list', 'watch'], group: '', resource: 'secrets' };

describe('aggregated ClusterRoles', () => {
  it('collect the rules of every ClusterRole their selectors pick, recording where each is written', () => {
    const model = resolveRbac(
      snapshot(
        clusterRole('monitoring', null, {
          aggregationRule: {
            clusterRoleSelectors: [
              { matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } },
            ],
          },
        }),
        clusterRole('secret-part', [rule([''], ['secrets'], ['get'])], {
          metadata: { labels: { 'example.com/aggregate-to-monitoring': 'true' } },
        }),
        clusterRole('unlabelled', [rule([''], ['nodes'], ['get'])])
      )
    );
    const monitoring = roleOf(model.roles, 'ClusterRole', 'monitoring');
    expect(monitoring.rules).toEqual([]);
    expect(monitoring.effective.map((item) => [item.role.name, item.index])).toEqual([
      ['secret-part', 0],
    ]);
    expect(roleOf(model.roles, 'ClusterRole', 'unlabelled').effective).toHaveLength(1);
  });

  it('follow aggregated roles that aggregate others, through cycles, keeping each rule once', () => {
    const labels = (value: string): Fields => ({ metadata: { labels: { tier: value } } });
    const model = resolveRbac(
      snapshot(
        clusterRole('top', [rule([''], ['pods'], ['get'])], {
          ...labels('b'),
          aggregationRule: { clusterRoleSelectors: [{ matchLabels: { tier: 'a' } }] },
        }),
        clusterRole('middle', [rule([''], ['secrets'], ['list'])], {
          ...labels('a'),
          aggregationRule: { clusterRoleSelectors: [{ matchLabels: { tier: 'b' } }] },
        }),
        // A live cluster's controller has already copied this rule into `top`.
        clusterRole('copy', [rule([''], ['pods'], ['get'])], labels('b'))
      )
    );
    const top = roleOf(model.roles, 'ClusterRole', 'top');
    expect(top.effective.map((item) => `${item.role.name}[${item.index}]`)).toEqual([
      'top[0]',
      'middle[0]',
    ]);
    const middle = roleOf(model.roles, 'ClusterRole', 'middle');
    expect(middle.effective.map((item) => `${item.role.name}[${item.index}]`)).toEqual([
      'middle[0]',
      'top[0]',
    ]);
  });

  it('select by matchExpressions with every operator, and an empty selector selects all', () => {
    const labels = { team: 'a', tier: 'web' };
    const expression = (operator: string, values?: string[]): boolean =>
      selects({ matchExpressions: [{ key: 'team', operator, values: values ?? null }] }, labels);
    expect(expression('In', ['a', 'b'])).toBe(true);
    expect(expression('In', ['b'])).toBe(false);
    expect(expression('NotIn', ['b'])).toBe(true);
    expect(expression('NotIn', ['a'])).toBe(false);
    expect(expression('Exists')).toBe(true);
    expect(expression('DoesNotExist')).toBe(false);
    expect(expression('Gt', ['1'])).toBe(false);
    expect(selects({ matchLabels: { tier: 'db' } }, labels)).toBe(false);
    expect(selects({}, labels)).toBe(true);
    expect(selects({ matchLabels: { constructor: 'x' } }, {})).toBe(false);
  });
});

describe('bindings', () => {
  it('scope a RoleBinding to a ClusterRole to its own namespace', () => {
    const model = resolveRbac(
      snapshot(
        clusterRole('reader', [rule([''], ['secrets', 'nodes/proxy'], ['get'])]),
        binding(
          'RoleBinding',
          'team-read',
          { kind: 'ClusterRole', name: 'reader' },
          [{ kind: 'User', name: 'alice' }],
          'team'
        )
      )
    );
    const [grant] = subjectOf(model.subjects, 'User', 'alice').grants;
    expect(grant?.namespace).toBe('team');
    expect(grant?.binding.role?.name).toBe('reader');
    expect(grantAllows(grant!, secrets)).toHaveLength(1);
    // nodes are cluster-scoped: the same rule grants nothing through a RoleBinding.
    const proxy: Permission = {
      verbs: ['get'],
      group: '',
      resource: 'nodes/proxy',
      clusterScoped: true,
    };
    expect(scopeReaches(grant!, proxy)).toBe(false);
    expect(grantAllows(grant!, proxy)).toEqual([]);
    const awsAuth: Permission = { ...secrets, resource: 'configmaps', namespace: 'kube-system' };
    expect(scopeReaches(grant!, awsAuth)).toBe(false);
  });

  it('resolve a RoleBinding to a Role of its namespace only', () => {
    const model = resolveRbac(
      snapshot(
        role('team', 'reader', [rule([''], ['secrets'], ['get'])]),
        role('other', 'reader', [rule([''], ['secrets'], ['list'])]),
        binding(
          'RoleBinding',
          'read',
          { kind: 'Role', name: 'reader' },
          [{ kind: 'Group', name: 'devs' }],
          'team'
        )
      )
    );
    const [grant] = subjectOf(model.subjects, 'Group', 'devs').grants;
    expect(grant?.binding.role?.namespace).toBe('team');
    expect(permissionPhrases(grant!, [secrets])).toEqual(['get secrets']);
  });

  it('note a binding to a missing role, or to a kind it cannot name, without failing', () => {
    const model = resolveRbac(
      snapshot(
        binding(
          'RoleBinding',
          'gone',
          { kind: 'Role', name: 'deleted' },
          [{ kind: 'User', name: 'alice' }],
          'team'
        ),
        binding('ClusterRoleBinding', 'wrong', { kind: 'Role', name: 'reader' }, [
          { kind: 'User', name: 'alice' },
        ]),
        binding('ClusterRoleBinding', 'custom', { kind: 'ClusterRole', name: 'not-here' }, [
          { kind: 'User', name: 'alice' },
        ])
      )
    );
    const alice = subjectOf(model.subjects, 'User', 'alice');
    expect(alice.grants.map((grant) => grant.binding.problem)).toEqual([
      'Role team/deleted is not in the snapshot',
      'its roleRef names a Role, which a ClusterRoleBinding cannot refer to',
      'ClusterRole not-here is not in the snapshot',
    ]);
    expect(alice.grants.flatMap((grant) => grantAllows(grant, secrets))).toEqual([]);
  });

  it('use the bootstrap definition of cluster-admin, admin, edit and view when the snapshot lacks it', () => {
    const model = resolveRbac(
      snapshot(
        binding(
          'RoleBinding',
          'devs',
          { kind: 'ClusterRole', name: 'edit' },
          [{ kind: 'Group', name: 'devs' }],
          'team'
        ),
        binding(
          'RoleBinding',
          'viewers',
          { kind: 'ClusterRole', name: 'view' },
          [{ kind: 'Group', name: 'viewers' }],
          'team'
        )
      )
    );
    const [edit] = subjectOf(model.subjects, 'Group', 'devs').grants;
    expect(edit?.binding.role?.builtin).toBe(true);
    expect(edit?.binding.problem).toBeUndefined();
    expect(permissionPhrases(edit!, [secrets])).toEqual(['get, list, watch secrets']);
    const [view] = subjectOf(model.subjects, 'Group', 'viewers').grants;
    expect(permissionPhrases(view!, [secrets])).toEqual([]);
    // Built-in roles are not objects of the snapshot: they are not listed, so never judged.
    expect(model.roles).toEqual([]);
  });

  it('prefer the snapshot ClusterRole over the bootstrap definition of the same name', () => {
    const model = resolveRbac(
      snapshot(
        clusterRole('edit', [rule([''], ['configmaps'], ['get'])]),
        binding('ClusterRoleBinding', 'devs', { kind: 'ClusterRole', name: 'edit' }, [
          { kind: 'Group', name: 'devs' },
        ])
      )
    );
    const [grant] = subjectOf(model.subjects, 'Group', 'devs').grants;
    expect(grant?.binding.role?.builtin).toBeUndefined();
    expect(permissionPhrases(grant!, [secrets])).toEqual([]);
  });

  it('list unreadable roles and bindings, and ignore Roles of other API groups', () => {
    const ackRole = {
      ...object('Role', 'iam', { spec: {} }, 'team'),
      apiVersion: 'iam.services.k8s.aws/v1alpha1',
    };
    const model = resolveRbac(
      snapshot(
        clusterRole('bad', [{ apiGroups: [''], resources: ['secrets'], verbs: 'get' }]),
        binding('ClusterRoleBinding', 'no-role-ref', { kind: 'ClusterRole', name: 'x' }, []),
        { ...object('ClusterRoleBinding', 'broken', { subjects: [] }) },
        ackRole
      )
    );
    expect(model.unreadable.map((item) => [item.kind, item.ref.name])).toEqual([
      ['ClusterRole', 'bad'],
      ['ClusterRoleBinding', 'broken'],
    ]);
    expect(model.unreadable[0]?.message).toContain('ClusterRole bad is malformed: rules.0.verbs');
    expect(model.roles).toEqual([]);
    expect(model.bindings.map((item) => item.name)).toEqual(['no-role-ref']);
  });
});

describe('subjects', () => {
  it('place service accounts by their namespace, the RoleBinding’s when they name none', () => {
    const model = resolveRbac(
      snapshot(
        binding(
          'RoleBinding',
          'rb',
          { kind: 'ClusterRole', name: 'view' },
          [
            { kind: 'ServiceAccount', name: 'local' },
            { kind: 'ServiceAccount', name: 'remote', namespace: 'other' },
          ],
          'team'
        ),
        binding('ClusterRoleBinding', 'crb', { kind: 'ClusterRole', name: 'view' }, [
          { kind: 'ServiceAccount', name: 'nowhere' },
          { kind: 'Robot', name: 'r2' },
        ])
      )
    );
    expect(model.subjects.map((subject) => `${subject.namespace ?? ''}/${subject.name}`)).toEqual([
      'other/remote',
      'team/local',
    ]);
    expect(model.notes).toEqual([
      'ClusterRoleBinding crb: ServiceAccount subject nowhere has no namespace; skipped',
      'ClusterRoleBinding crb: subject r2 has unknown kind Robot; skipped',
    ]);
  });

  it('treat the user system:serviceaccount:<ns>:<name> as that service account', () => {
    const model = resolveRbac(
      snapshot(
        binding('ClusterRoleBinding', 'as-user', { kind: 'ClusterRole', name: 'view' }, [
          { kind: 'User', name: 'system:serviceaccount:ci:deployer' },
        ]),
        object('ServiceAccount', 'deployer', {}, 'ci')
      )
    );
    expect(model.subjects).toHaveLength(1);
    const deployer = subjectOf(model.subjects, 'ServiceAccount', 'deployer', 'ci');
    expect(deployer.grants.map((grant) => grant.via)).toEqual([
      'User system:serviceaccount:ci:deployer',
    ]);
    expect(deployer.ref).toEqual({
      kind: 'ServiceAccount',
      name: 'deployer',
      namespace: 'ci',
      apiVersion: 'v1',
    });
  });

  it('give service accounts the grants of system:serviceaccounts, of their namespace group and system:authenticated', () => {
    const model = resolveRbac(
      snapshot(
        binding('ClusterRoleBinding', 'all-sas', { kind: 'ClusterRole', name: 'view' }, [
          { kind: 'Group', name: 'system:serviceaccounts' },
        ]),
        binding('ClusterRoleBinding', 'ci-sas', { kind: 'ClusterRole', name: 'view' }, [
          { kind: 'Group', name: 'system:serviceaccounts:ci' },
          { kind: 'Group', name: 'system:serviceaccounts:prod' },
        ]),
        binding('ClusterRoleBinding', 'everyone', { kind: 'ClusterRole', name: 'view' }, [
          { kind: 'Group', name: 'system:authenticated' },
        ]),
        object('ServiceAccount', 'deployer', {}, 'ci')
      )
    );
    const deployer = subjectOf(model.subjects, 'ServiceAccount', 'deployer', 'ci');
    expect(deployer.grants).toEqual([]);
    expect(deployer.groups.map((group) => group.name)).toEqual([
      'system:serviceaccounts',
      'system:serviceaccounts:ci',
      'system:authenticated',
    ]);
    expect(allGrants(deployer).map((grant) => `${grant.binding.name} ${grant.via ?? ''}`)).toEqual([
      'all-sas Group system:serviceaccounts',
      'ci-sas Group system:serviceaccounts:ci',
      'everyone Group system:authenticated',
    ]);
    // The groups are subjects of their own.
    expect(model.subjects.filter((subject) => subject.kind === 'Group')).toHaveLength(4);
  });

  it('trace service accounts to the Deployments, CronJobs and Pods that run as them', () => {
    const model = resolveRbac(
      snapshot(
        object('ServiceAccount', 'deployer', { automountServiceAccountToken: false }, 'ci'),
        workload('Deployment', 'runner', podSpec({ serviceAccountName: 'deployer' }), 'ci'),
        cronJob(
          'nightly',
          podSpec({ serviceAccountName: 'deployer', automountServiceAccountToken: true }),
          'ci'
        ),
        pod('legacy', podSpec({ serviceAccount: 'deployer' }), 'ci'),
        pod('plain', podSpec(), 'ci'),
        pod('blank', podSpec({ serviceAccountName: '' }), 'ci')
      )
    );
    const deployer = subjectOf(model.subjects, 'ServiceAccount', 'deployer', 'ci');
    expect(
      deployer.workloads.map((item) => [item.ref.kind, item.ref.name, item.tokenMounted])
    ).toEqual([
      ['Deployment', 'runner', false],
      ['CronJob', 'nightly', true],
      ['Pod', 'legacy', false],
    ]);
    const fallback = subjectOf(model.subjects, 'ServiceAccount', 'default', 'ci');
    expect(fallback.workloads.map((item) => [item.ref.name, item.tokenMounted])).toEqual([
      ['plain', true],
      ['blank', true],
    ]);
    expect(fallback.account).toBeUndefined();
  });

  it('note a pod template that does not parse and go on', () => {
    const model = resolveRbac(
      snapshot(
        workload('Deployment', 'broken', { containers: 'nope' }, 'ci'),
        workload('Deployment', 'fine', podSpec(), 'ci')
      )
    );
    expect(model.notes).toHaveLength(1);
    expect(model.notes[0]).toContain('Deployment ci/broken');
    expect(subjectOf(model.subjects, 'ServiceAccount', 'default', 'ci').workloads).toHaveLength(1);
  });

  it('accept null subjects and rules as the API may write them, and cache the model per snapshot', () => {
    const snap = snapshot(
      clusterRole('empty', null),
      binding('ClusterRoleBinding', 'nobody', { kind: 'ClusterRole', name: 'empty' }, null)
    );
    const model = rbacModel(snap);
    expect(model.subjects).toEqual([]);
    expect(model.bindings).toHaveLength(1);
    expect(rbacModel(snap)).toBe(model);
    snap.objects.push(object('ServiceAccount', 'late', {}, 'ci'));
    expect(rbacModel(snap)).not.toBe(model);
    expect(rbacModel(snap).subjects).toHaveLength(1);
  });
});

describe('rule matching', () => {
  const source = (fields: Fields): Parameters<typeof ruleAllows>[0] => {
    const model = resolveRbac(snapshot(clusterRole('r', [fields])));
    const sourced = model.roles[0]?.effective[0];
    if (sourced === undefined) {
      throw new Error('no rule');
    }
    return sourced;
  };
  const exec: Permission = { verbs: ['create', 'get'], group: '', resource: 'pods/exec' };

  it('matches * in apiGroups, resources and verbs', () => {
    expect(ruleAllows(source(rule(['*'], ['*'], ['*'])), exec)?.verbs).toEqual(['create', 'get']);
    expect(ruleAllows(source(rule(['*'], ['secrets'], ['list'])), secrets)?.verbs).toEqual([
      'list',
    ]);
    expect(ruleAllows(source(rule(['apps'], ['secrets'], ['*'])), secrets)).toBeUndefined();
    expect(ruleAllows(source(rule([''], ['secrets'], ['delete'])), secrets)).toBeUndefined();
  });

  it('matches a subresource exactly or by */subresource, never by its parent resource', () => {
    expect(ruleAllows(source(rule([''], ['pods/exec'], ['create'])), exec)?.verbs).toEqual([
      'create',
    ]);
    expect(ruleAllows(source(rule([''], ['*/exec'], ['get'])), exec)?.verbs).toEqual(['get']);
    expect(ruleAllows(source(rule([''], ['pods'], ['*'])), exec)).toBeUndefined();
    expect(ruleAllows(source(rule([''], ['*/attach'], ['*'])), exec)).toBeUndefined();
    expect(ruleAllows(source(rule([''], ['*/exec'], ['*'])), secrets)).toBeUndefined();
  });

  it('keeps a rule limited to resourceNames narrower, and never lets it create a whole resource', () => {
    const named = source(
      rule([''], ['secrets'], ['get', 'list'], { resourceNames: ['db', 'api'] })
    );
    expect(ruleAllows(named, secrets)).toMatchObject({
      verbs: ['get', 'list'],
      names: ['db', 'api'],
    });
    const createPods: Permission = { verbs: ['create'], group: '', resource: 'pods' };
    expect(
      ruleAllows(source(rule([''], ['pods'], ['create'], { resourceNames: ['x'] })), createPods)
    ).toBeUndefined();
    // On a subresource the name is the parent's: exec into pod web-0 only.
    expect(
      ruleAllows(source(rule([''], ['pods/exec'], ['create'], { resourceNames: ['web-0'] })), exec)
    ).toMatchObject({ names: ['web-0'] });
  });

  it('matches a permission on one object when resourceNames include it', () => {
    const awsAuth: Permission = {
      verbs: ['update'],
      group: '',
      resource: 'configmaps',
      namespace: 'kube-system',
      name: 'aws-auth',
    };
    expect(
      ruleAllows(
        source(rule([''], ['configmaps'], ['update'], { resourceNames: ['aws-auth'] })),
        awsAuth
      )
    ).toMatchObject({ verbs: ['update'] });
    expect(
      ruleAllows(
        source(rule([''], ['configmaps'], ['update'], { resourceNames: ['other'] })),
        awsAuth
      )
    ).toBeUndefined();
    expect(
      ruleAllows(source(rule([''], ['configmaps'], ['update'])), awsAuth)?.names
    ).toBeUndefined();
  });

  it('ignores rules for non-resource URLs and rules without apiGroups', () => {
    expect(ruleAllows(source({ nonResourceURLs: ['*'], verbs: ['*'] }), secrets)).toBeUndefined();
    expect(ruleAllows(source({ resources: ['secrets'], verbs: ['get'] }), secrets)).toBeUndefined();
  });

  it('phrases each verb with the names it is limited to, merging rules', () => {
    const model = resolveRbac(
      snapshot(
        clusterRole('mixed', [
          rule([''], ['secrets'], ['get']),
          rule([''], ['secrets'], ['list'], { resourceNames: ['b', 'a'] }),
          rule([''], ['secrets'], ['list'], { resourceNames: ['c'] }),
        ]),
        binding('ClusterRoleBinding', 'x', { kind: 'ClusterRole', name: 'mixed' }, [
          { kind: 'User', name: 'u' },
        ])
      )
    );
    const [grant] = subjectOf(model.subjects, 'User', 'u').grants;
    expect(permissionPhrases(grant!, [secrets])).toEqual([
      'get secrets',
      'list secrets (only resourceNames a, b, c)',
    ]);
  });
});
