import { describe, expect, it } from 'vitest';
import { auditEvent, createEvent } from '../../../test/harness/audit-events.js';
import {
  allowedVerbs,
  describeRole,
  highPrivilegeGrants,
  listPhrases,
  podExecGrants,
  policyRulesOf,
  roleChangeOf,
  wildcardGrants,
  type PolicyRuleView,
} from './access-role-rules.js';

function rule(
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  resourceNames: string[] = []
): PolicyRuleView {
  return { apiGroups, resources, verbs, resourceNames };
}

describe('policyRulesOf', () => {
  it('reads rules, skipping entries of the wrong shape', () => {
    const rules = policyRulesOf({
      rules: [
        { apiGroups: [''], resources: ['pods', 7], verbs: ['get'] },
        'not a rule',
        { verbs: 'get' },
      ],
    });
    expect(rules).toEqual([rule([''], ['pods'], ['get']), rule([], [], [])]);
  });

  it('reads null rules as none, and no rules field as unknown', () => {
    expect(policyRulesOf({ rules: null })).toEqual([]);
    expect(policyRulesOf({ metadata: { labels: { a: 'b' } } })).toBeUndefined();
    expect(policyRulesOf({ rules: 'everything' })).toBeUndefined();
    expect(policyRulesOf(undefined)).toBeUndefined();
  });

  it('caps the rules it reads', () => {
    const many = Array.from({ length: 1000 }, () => ({
      apiGroups: [''],
      resources: ['pods'],
      verbs: ['get'],
    }));
    expect(policyRulesOf({ rules: many })).toHaveLength(256);
  });
});

describe('allowedVerbs', () => {
  const exec = { group: '', resource: 'pods/exec', verbs: ['create', 'get'] };

  it('matches as the authorizer does', () => {
    expect(allowedVerbs(rule([''], ['pods/exec'], ['create']), exec)).toEqual(['create']);
    expect(allowedVerbs(rule(['*'], ['*/exec'], ['*']), exec)).toEqual(['create', 'get']);
    expect(allowedVerbs(rule([''], ['*'], ['get', 'create']), exec)).toEqual(['create', 'get']);
  });

  it('does not let a resource match its subresources, or another group match', () => {
    expect(allowedVerbs(rule([''], ['pods'], ['*']), exec)).toEqual([]);
    expect(allowedVerbs(rule(['apps'], ['pods/exec'], ['*']), exec)).toEqual([]);
    expect(allowedVerbs(rule([''], ['pods/log'], ['*']), exec)).toEqual([]);
  });

  it('never allows creating a whole resource by name', () => {
    const pods = { group: '', resource: 'pods', verbs: ['create', 'delete'] };
    expect(allowedVerbs(rule([''], ['pods'], ['*'], ['web']), pods)).toEqual(['delete']);
    expect(allowedVerbs(rule([''], ['pods/exec'], ['create'], ['web-0']), exec)).toEqual([
      'create',
    ]);
  });
});

describe('wildcardGrants', () => {
  it('names each rule with * in verbs or resources', () => {
    const rules = [
      rule(['*'], ['*'], ['*']),
      rule([''], ['pods'], ['get']),
      rule(['apps'], ['deployments'], ['*']),
    ];
    expect(wildcardGrants(rules)).toEqual(['rules[0]: verbs *, resources *', 'rules[2]: verbs *']);
  });

  it('leaves */scale and a wildcard API group alone', () => {
    expect(wildcardGrants([rule(['*'], ['*/scale'], ['get', 'update'])])).toEqual([]);
  });
});

describe('podExecGrants', () => {
  it('names exec and attach', () => {
    const rules = [rule([''], ['pods/exec', 'pods/attach'], ['create'])];
    expect(podExecGrants(rules)).toEqual(['create pods/exec', 'create pods/attach']);
  });

  it('is empty for reading pods and logs', () => {
    expect(podExecGrants([rule([''], ['pods', 'pods/log'], ['get', 'list'])])).toEqual([]);
  });
});

describe('highPrivilegeGrants', () => {
  const cluster = { clusterRole: true };

  it('is empty for a harmless role', () => {
    const rules = [rule([''], ['pods', 'services', 'configmaps'], ['get', 'list', 'watch'])];
    expect(highPrivilegeGrants(rules, cluster)).toEqual([]);
  });

  it('names escalation, impersonation, nodes/proxy and exec', () => {
    const rules = [
      rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['bind', 'escalate']),
      rule([''], ['users', 'serviceaccounts'], ['impersonate']),
      rule([''], ['nodes/proxy'], ['get']),
      rule([''], ['pods/exec'], ['create']),
    ];
    expect(highPrivilegeGrants(rules, cluster)).toEqual([
      'escalate, bind clusterroles',
      'impersonate users',
      'impersonate serviceaccounts',
      'get nodes/proxy',
      'create pods/exec',
    ]);
  });

  it('judges secrets by scope: any namespace, kube-system, or one namespace', () => {
    const rules = [rule([''], ['secrets'], ['get', 'list'])];
    expect(highPrivilegeGrants(rules, cluster)).toEqual([
      'get, list secrets (any namespace once bound cluster-wide)',
    ]);
    expect(highPrivilegeGrants(rules, { clusterRole: false, namespace: 'kube-system' })).toEqual([
      'get, list secrets in kube-system',
    ]);
    expect(highPrivilegeGrants(rules, { clusterRole: false, namespace: 'shop' })).toEqual([]);
  });

  it('ignores nodes/proxy in a Role, which cannot grant cluster-scoped resources', () => {
    const rules = [rule([''], ['nodes/proxy'], ['get'])];
    expect(highPrivilegeGrants(rules, { clusterRole: false, namespace: 'shop' })).toEqual([]);
  });
});

describe('roleChangeOf', () => {
  it('reads a created Role', () => {
    const event = createEvent('roles', {
      kind: 'Role',
      metadata: { name: 'debugger', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
    });
    const role = roleChangeOf(event);
    expect(role?.rules).toHaveLength(1);
    expect(describeRole(role!)).toBe('Role shop/debugger');
  });

  it('gives undefined for a JSON patch, and for other resources', () => {
    const patch = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'clusterroles', name: 'ops' },
      requestObject: [{ op: 'add', path: '/rules/-', value: { verbs: ['*'] } }],
    });
    expect(roleChangeOf(patch)).toBeUndefined();
    expect(
      roleChangeOf(createEvent('configmaps', { metadata: { name: 'x' }, rules: [] }))
    ).toBeUndefined();
  });
});

describe('listPhrases', () => {
  it('shows some and counts the rest', () => {
    expect(listPhrases(['a', 'b', 'c'], 2)).toBe('a; b and 1 more');
    expect(listPhrases(['a'], 2)).toBe('a');
  });
});
