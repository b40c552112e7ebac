import { describe, expect, it } from 'vitest';
import { auditEvent, createEvent } from '../../../test/harness/audit-events.js';
import {
  bindingOf,
  describeBinding,
  describeRoleRef,
  describeSubjects,
  type SubjectView,
} from './access-bindings.js';

const rbac = 'rbac.authorization.k8s.io';

function roleBinding(subjects: unknown, roleRef: unknown = { kind: 'ClusterRole', name: 'edit' }) {
  return createEvent('rolebindings', {
    apiVersion: `${rbac}/v1`,
    kind: 'RoleBinding',
    metadata: { name: 'ci-edit', namespace: 'ci' },
    roleRef,
    subjects,
  });
}

describe('bindingOf', () => {
  it('reads a RoleBinding, placing a service account without a namespace in the binding’s', () => {
    const binding = bindingOf(
      roleBinding([
        { kind: 'ServiceAccount', name: 'default' },
        { kind: 'ServiceAccount', name: 'deployer', namespace: 'tools' },
        { kind: 'User', name: 'bob', apiGroup: rbac },
      ])
    );
    expect(binding).toEqual({
      kind: 'RoleBinding',
      name: 'ci-edit',
      namespace: 'ci',
      roleRef: { kind: 'ClusterRole', name: 'edit' },
      subjects: [
        { kind: 'ServiceAccount', name: 'default', namespace: 'ci' },
        { kind: 'ServiceAccount', name: 'deployer', namespace: 'tools' },
        { kind: 'User', name: 'bob' },
      ],
    });
    expect(describeBinding(binding!)).toBe('RoleBinding ci/ci-edit');
    expect(describeRoleRef(binding!)).toBe('ClusterRole edit');
  });

  it('skips subjects of the wrong shape and reads null subjects as none', () => {
    const odd = bindingOf(
      roleBinding([null, 'bob', { kind: 'User' }, { kind: 'Group', name: 'ops' }])
    );
    expect(odd?.subjects).toEqual([{ kind: 'Group', name: 'ops' }]);
    expect(bindingOf(roleBinding(null))?.subjects).toEqual([]);
  });

  it('gives undefined without a usable roleRef', () => {
    expect(bindingOf(roleBinding([], null))).toBeUndefined();
    expect(bindingOf(roleBinding([], { kind: 'ClusterRole', name: 7 }))).toBeUndefined();
  });

  it('gives undefined for a JSON-patch array or another resource', () => {
    const patch = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'rolebindings', namespace: 'ci', name: 'ci-edit' },
      requestObject: [{ op: 'add', path: '/subjects/-', value: { kind: 'User', name: 'eve' } }],
    });
    expect(bindingOf(patch)).toBeUndefined();
    const configMap = createEvent('configmaps', {
      metadata: { name: 'x', namespace: 'ci' },
      roleRef: { kind: 'ClusterRole', name: 'edit' },
    });
    expect(bindingOf(configMap)).toBeUndefined();
  });

  it('reads a ClusterRoleBinding without a namespace', () => {
    const event = createEvent('clusterrolebindings', {
      metadata: { name: 'ops' },
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: 'ops' }],
    });
    expect(describeBinding(bindingOf(event)!)).toBe('ClusterRoleBinding ops');
  });
});

describe('describeSubjects', () => {
  const users: SubjectView[] = ['a', 'b', 'c', 'd'].map((name) => ({ kind: 'User', name }));

  it('names up to the limit, then counts', () => {
    expect(describeSubjects(users, 2)).toBe('User a, User b and 2 more');
    expect(describeSubjects(users)).toBe('User a, User b, User c, User d');
    expect(describeSubjects([])).toBe('no subjects');
  });
});
