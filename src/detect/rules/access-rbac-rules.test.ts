import { describe, expect, it } from 'vitest';
import {
  auditEvent,
  createEvent,
  noIntel,
  serviceAccountUser,
  type EventFields,
} from '../../../test/harness/audit-events.js';
import type { AuditEvent } from '../audit/event.js';
import { RuleIndex } from '../engine/rule-index.js';
import type { AuditRule, RuleMatch } from '../rule/types.js';
import { rule as adminToDefault } from './admin-to-default-service-account.js';
import { rule as anonymousGranted } from './anonymous-access-granted.js';
import { rule as clusterAdminBinding } from './cluster-admin-binding.js';
import { rule as highPrivilegeRole } from './high-privilege-role.js';
import { rule as podExecRole } from './pod-exec-role.js';
import { rule as serviceAccountInKube } from './service-account-in-kube-namespace.js';
import { rule as systemRoleModified } from './system-role-modified.js';
import { rule as wildcardRole } from './wildcard-role.js';

const alice = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';
const rbac = 'rbac.authorization.k8s.io';

/** Evaluates as the engine would: only when the rule's `on` routes the event to it. */
function judge(rule: AuditRule, event: AuditEvent): RuleMatch | undefined {
  expect(new RuleIndex([rule]).rulesFor(event)).toContain(rule);
  return rule.evaluate(event, noIntel);
}

function routed(rule: AuditRule, event: AuditEvent): boolean {
  return new RuleIndex([rule]).rulesFor(event).includes(rule);
}

const apiServer = { username: 'system:apiserver', uid: 'apiserver', groups: ['system:masters'] };

function clusterRoleBinding(
  name: string,
  role: string,
  subjects: Record<string, unknown>[],
  fields: EventFields = {}
): AuditEvent {
  return createEvent(
    'clusterrolebindings',
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: role },
      subjects,
    },
    fields
  );
}

function roleBinding(
  name: string,
  namespace: string,
  roleRef: { kind: string; name: string },
  subjects: Record<string, unknown>[],
  fields: EventFields = {}
): AuditEvent {
  return createEvent(
    'rolebindings',
    {
      apiVersion: `${rbac}/v1`,
      kind: 'RoleBinding',
      metadata: { name, namespace },
      roleRef: { apiGroup: rbac, ...roleRef },
      subjects,
    },
    fields
  );
}

function clusterRole(name: string, rules: unknown[], fields: EventFields = {}): AuditEvent {
  return createEvent(
    'clusterroles',
    { apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name }, rules },
    fields
  );
}

function role(name: string, namespace: string, rules: unknown[]): AuditEvent {
  return createEvent('roles', {
    apiVersion: `${rbac}/v1`,
    kind: 'Role',
    metadata: { name, namespace },
    rules,
  });
}

/** A kubectl patch as JSON patch: the body is an array, so nothing can be judged. */
function jsonPatch(resource: string, name: string, patch: unknown[]): AuditEvent {
  return auditEvent({
    verb: 'patch',
    objectRef: { resource, name, apiGroup: rbac, apiVersion: 'v1' },
    requestObject: patch,
  });
}

const bob = { kind: 'User', apiGroup: rbac, name: 'bob' };
const ops = { kind: 'Group', apiGroup: rbac, name: 'ops' };

describe('cluster-admin-binding', () => {
  it('fires on a ClusterRoleBinding to cluster-admin', () => {
    const match = judge(
      clusterAdminBinding,
      clusterRoleBinding('ops-admins', 'cluster-admin', [bob, ops])
    );
    expect(match).toEqual({
      message:
        `${alice} created ClusterRoleBinding ops-admins, granting cluster-admin across the ` +
        'whole cluster to User bob, Group ops.',
      fields: {
        binding: 'ClusterRoleBinding ops-admins',
        role: 'ClusterRole cluster-admin',
        subjects: 'User bob, Group ops',
      },
    });
  });

  it('fires on a RoleBinding to cluster-admin, naming its namespace', () => {
    const event = roleBinding('all-in', 'shop', { kind: 'ClusterRole', name: 'cluster-admin' }, [
      bob,
    ]);
    expect(judge(clusterAdminBinding, event)?.message).toBe(
      `${alice} created RoleBinding shop/all-in, granting cluster-admin in namespace shop to User bob.`
    );
  });

  it('fires on an update that adds a subject', () => {
    const event = clusterRoleBinding('ops-admins', 'cluster-admin', [bob, ops], { verb: 'update' });
    expect(judge(clusterAdminBinding, event)?.message).toContain('updated ClusterRoleBinding');
  });

  it('stays quiet for a binding to view, and for a Role that is merely named cluster-admin', () => {
    expect(
      judge(clusterAdminBinding, clusterRoleBinding('readers', 'view', [bob]))
    ).toBeUndefined();
    const lookalike = roleBinding('x', 'shop', { kind: 'Role', name: 'cluster-admin' }, [bob]);
    expect(judge(clusterAdminBinding, lookalike)).toBeUndefined();
  });

  it('stays quiet when the API server reconciles its bootstrap binding', () => {
    const event = clusterRoleBinding(
      'cluster-admin',
      'cluster-admin',
      [{ kind: 'Group', apiGroup: rbac, name: 'system:masters' }],
      { user: apiServer, verb: 'update' }
    );
    expect(judge(clusterAdminBinding, event)).toBeUndefined();
  });

  it('stays quiet for a denied request and an unjudgeable JSON patch', () => {
    const denied = clusterRoleBinding('ops-admins', 'cluster-admin', [bob], {
      responseStatus: { code: 403, reason: 'Forbidden' },
      responseObject: { kind: 'Status', status: 'Failure', code: 403 },
    });
    expect(judge(clusterAdminBinding, denied)).toBeUndefined();
    const patch = jsonPatch('clusterrolebindings', 'ops-admins', [
      { op: 'add', path: '/subjects/-', value: bob },
    ]);
    expect(judge(clusterAdminBinding, patch)).toBeUndefined();
  });
});

describe('high-privilege-role', () => {
  it('fires on a ClusterRole that reads secrets and execs into pods', () => {
    const event = clusterRole('support', [
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    ]);
    expect(judge(highPrivilegeRole, event)).toEqual({
      message:
        `${alice} created ClusterRole support granting high privileges: get, list secrets ` +
        '(any namespace once bound cluster-wide); create pods/exec.',
      fields: {
        role: 'ClusterRole support',
        grants: 'get, list secrets (any namespace once bound cluster-wide); create pods/exec',
      },
    });
  });

  it('fires on impersonation and on wildcards in a namespaced Role', () => {
    const impersonator = clusterRole('sudo', [
      { apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
    ]);
    expect(judge(highPrivilegeRole, impersonator)?.fields['grants']).toBe(
      'impersonate users; impersonate groups'
    );
    const wildcard = role('owner', 'shop', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);
    expect(judge(highPrivilegeRole, wildcard)?.message).toContain(
      'Role shop/owner granting high privileges: rules[0]: verbs *, resources *'
    );
  });

  it('stays quiet for a harmless role and for reading secrets in one namespace', () => {
    const reader = clusterRole('pod-reader', [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(judge(highPrivilegeRole, reader)).toBeUndefined();
    const secrets = role('app-secrets', 'shop', [
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
    ]);
    expect(judge(highPrivilegeRole, secrets)).toBeUndefined();
  });

  it('stays quiet when the aggregation controller fills an aggregated role', () => {
    const event = clusterRole(
      'admin',
      [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
      {
        verb: 'update',
        user: serviceAccountUser('kube-system', 'clusterrole-aggregation-controller'),
      }
    );
    expect(judge(highPrivilegeRole, event)).toBeUndefined();
  });

  it('stays quiet for a merge patch that sets only labels', () => {
    const event = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'clusterroles', name: 'support', apiGroup: rbac },
      requestObject: { metadata: { labels: { team: 'ops' } } },
    });
    expect(judge(highPrivilegeRole, event)).toBeUndefined();
  });
});

describe('wildcard-role', () => {
  it('fires on * verbs', () => {
    const event = clusterRole('deployments-all', [
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
    ]);
    expect(judge(wildcardRole, event)).toEqual({
      message: `${alice} created ClusterRole deployments-all with wildcards: rules[0]: verbs *.`,
      fields: { role: 'ClusterRole deployments-all', wildcards: 'rules[0]: verbs *' },
    });
  });

  it('stays quiet for */scale and for explicit verbs', () => {
    const scaler = clusterRole('scaler', [
      { apiGroups: ['*'], resources: ['*/scale'], verbs: ['get', 'update', 'patch'] },
    ]);
    expect(judge(wildcardRole, scaler)).toBeUndefined();
    const reader = role('reader', 'shop', [
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    ]);
    expect(judge(wildcardRole, reader)).toBeUndefined();
  });
});

describe('pod-exec-role', () => {
  it('fires on a Role granting create on pods/exec', () => {
    const event = role('debugger', 'shop', [
      { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['get', 'create'] },
    ]);
    expect(judge(podExecRole, event)).toEqual({
      message: `${alice} created Role shop/debugger allowing create, get pods/exec.`,
      fields: { role: 'Role shop/debugger', grants: 'create, get pods/exec' },
    });
  });

  it('fires on */attach', () => {
    const event = clusterRole('attacher', [
      { apiGroups: [''], resources: ['*/attach'], verbs: ['create'] },
    ]);
    expect(judge(podExecRole, event)?.fields['grants']).toBe('create pods/attach');
  });

  it('stays quiet for reading pods and logs', () => {
    const event = role('viewer', 'shop', [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
    ]);
    expect(judge(podExecRole, event)).toBeUndefined();
  });
});

describe('anonymous-access-granted', () => {
  const unauthenticated = { kind: 'Group', apiGroup: rbac, name: 'system:unauthenticated' };

  it('fires on a binding to system:unauthenticated', () => {
    const event = clusterRoleBinding('open-view', 'view', [ops, unauthenticated]);
    expect(judge(anonymousGranted, event)).toEqual({
      message:
        `${alice} created ClusterRoleBinding open-view, granting ClusterRole view to Group ` +
        'system:unauthenticated: unauthenticated requests now hold that role.',
      fields: {
        binding: 'ClusterRoleBinding open-view',
        role: 'ClusterRole view',
        subjects: 'Group system:unauthenticated',
      },
    });
  });

  it('fires on a RoleBinding to system:anonymous', () => {
    const event = roleBinding('anon', 'shop', { kind: 'Role', name: 'reader' }, [
      { kind: 'User', apiGroup: rbac, name: 'system:anonymous' },
    ]);
    expect(judge(anonymousGranted, event)?.fields['subjects']).toBe('User system:anonymous');
  });

  it('stays quiet for authenticated groups and the public-info binding', () => {
    const authenticated = { kind: 'Group', apiGroup: rbac, name: 'system:authenticated' };
    expect(
      judge(anonymousGranted, clusterRoleBinding('all', 'view', [authenticated]))
    ).toBeUndefined();
    const publicInfo = clusterRoleBinding(
      'system:public-info-viewer',
      'system:public-info-viewer',
      [authenticated, unauthenticated]
    );
    expect(judge(anonymousGranted, publicInfo)).toBeUndefined();
  });
});

describe('admin-to-default-service-account', () => {
  it('fires on admin granted to the default account of a namespace', () => {
    const event = roleBinding('default-admin', 'shop', { kind: 'ClusterRole', name: 'admin' }, [
      { kind: 'ServiceAccount', name: 'default' },
    ]);
    expect(judge(adminToDefault, event)).toEqual({
      message:
        `${alice} created RoleBinding shop/default-admin, granting ClusterRole admin in namespace ` +
        'shop to ServiceAccount shop/default.',
      fields: {
        binding: 'RoleBinding shop/default-admin',
        role: 'ClusterRole admin',
        subjects: 'ServiceAccount shop/default',
      },
    });
  });

  it('fires on cluster-admin to a default account by user name, and to a service-account group', () => {
    const byName = clusterRoleBinding('ci', 'cluster-admin', [
      { kind: 'User', apiGroup: rbac, name: 'system:serviceaccount:ci:default' },
    ]);
    expect(judge(adminToDefault, byName)?.message).toContain(
      'ClusterRole cluster-admin cluster-wide to User system:serviceaccount:ci:default'
    );
    const group = clusterRoleBinding('all-sa-edit', 'edit', [
      { kind: 'Group', apiGroup: rbac, name: 'system:serviceaccounts' },
    ]);
    expect(judge(adminToDefault, group)?.fields['subjects']).toBe('Group system:serviceaccounts');
  });

  it('stays quiet for view, for a named account, and for a Role called admin', () => {
    const defaultAccount = { kind: 'ServiceAccount', name: 'default', namespace: 'shop' };
    expect(
      judge(adminToDefault, clusterRoleBinding('v', 'view', [defaultAccount]))
    ).toBeUndefined();
    const deployer = { kind: 'ServiceAccount', name: 'deployer', namespace: 'shop' };
    expect(judge(adminToDefault, clusterRoleBinding('d', 'edit', [deployer]))).toBeUndefined();
    const custom = roleBinding('x', 'shop', { kind: 'Role', name: 'admin' }, [defaultAccount]);
    expect(judge(adminToDefault, custom)).toBeUndefined();
  });
});

describe('service-account-in-kube-namespace', () => {
  const account = (namespace: string, fields: EventFields = {}) =>
    createEvent(
      'serviceaccounts',
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-helper', namespace } },
      fields
    );

  it('fires on a new account in kube-system', () => {
    expect(judge(serviceAccountInKube, account('kube-system'))).toEqual({
      message: `${alice} created service account kube-system/metrics-helper.`,
      fields: { serviceAccount: 'kube-system/metrics-helper', namespace: 'kube-system' },
    });
    expect(judge(serviceAccountInKube, account('kube-public'))?.fields['namespace']).toBe(
      'kube-public'
    );
  });

  it('stays quiet in other namespaces and for EKS and the service-account controller', () => {
    expect(judge(serviceAccountInKube, account('shop'))).toBeUndefined();
    const addon = account('kube-system', { user: { username: 'eks:addon-manager', groups: [] } });
    expect(judge(serviceAccountInKube, addon)).toBeUndefined();
    const controller = account('kube-system', {
      user: serviceAccountUser('kube-system', 'service-account-controller'),
    });
    expect(judge(serviceAccountInKube, controller)).toBeUndefined();
  });

  it('stays quiet when the create was refused', () => {
    const refused = account('kube-system', {
      responseStatus: { code: 409, reason: 'AlreadyExists' },
    });
    expect(judge(serviceAccountInKube, refused)).toBeUndefined();
  });
});

describe('system-role-modified', () => {
  const change = (verb: string, resource: string, name: string, fields: EventFields = {}) =>
    auditEvent({
      verb,
      objectRef: { resource, name, apiGroup: rbac, apiVersion: 'v1' },
      ...fields,
    });

  it('fires on a patch of a system ClusterRole', () => {
    expect(judge(systemRoleModified, change('patch', 'clusterroles', 'system:node'))).toEqual({
      message: `${alice} patched ClusterRole system:node, part of the system RBAC policy.`,
      fields: { object: 'ClusterRole system:node', verb: 'patch' },
    });
  });

  it('fires on a delete of a namespaced system Role binding', () => {
    const event = auditEvent({
      verb: 'delete',
      objectRef: {
        resource: 'rolebindings',
        namespace: 'kube-system',
        name: 'system:controller:bootstrap-signer',
        apiGroup: rbac,
      },
    });
    expect(judge(systemRoleModified, event)?.fields['object']).toBe(
      'RoleBinding kube-system/system:controller:bootstrap-signer'
    );
  });

  it('stays quiet for other roles, for the API server, and for creates', () => {
    expect(judge(systemRoleModified, change('patch', 'clusterroles', 'ops'))).toBeUndefined();
    const reconcile = change('update', 'clusterroles', 'system:node', { user: apiServer });
    expect(judge(systemRoleModified, reconcile)).toBeUndefined();
    expect(routed(systemRoleModified, change('create', 'clusterroles', 'system:new'))).toBe(false);
  });
});
