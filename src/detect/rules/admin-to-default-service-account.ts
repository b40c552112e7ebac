import { serviceAccountOf } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import {
  bindingOf,
  describeBinding,
  describeRoleRef,
  describeSubjects,
  type SubjectView,
} from '../rule/access-bindings.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, didVerb } from '../rule/access-request.js';

/** The built-in ClusterRoles that give write access to workloads and more. */
const adminRoles: ReadonlySet<string> = new Set(['cluster-admin', 'admin', 'edit']);

/**
 * A subject that is, or contains, a `default` service account: the account itself, its user
 * name, or the service-account groups (which hold every default account of their scope).
 */
function reachesDefaultAccount(subject: SubjectView): boolean {
  switch (subject.kind) {
    case 'ServiceAccount':
      return subject.name === 'default';
    case 'User':
      return serviceAccountOf(subject.name)?.name === 'default';
    case 'Group':
      return (
        subject.name === 'system:serviceaccounts' ||
        subject.name.startsWith('system:serviceaccounts:')
      );
    default:
      return false;
  }
}

/**
 * A binding that grants an admin role to a `default` service account. Every pod that names no
 * account runs as its namespace's `default`, so the grant reaches pods nobody meant to empower.
 * A binding names its role but does not hold its rules, so a custom role with wildcards is not
 * judged here (`wildcard-role` reports the role itself).
 */
export const rule: AuditRule = {
  id: 'admin-to-default-service-account',
  title: 'Admin role granted to a default service account',
  description:
    'A RoleBinding or ClusterRoleBinding was created or updated to grant cluster-admin, admin ' +
    'or edit to a default service account (or to a service-account group that contains it). ' +
    'Every pod that names no service account runs as default and gets that power.',
  severity: 'high',
  mitre: ['T1098.006', 'T1078.001'],
  equivalents: { guardduty: ['Policy:Kubernetes/AdminAccessToDefaultServiceAccount'] },
  on: {
    resources: ['clusterrolebindings', 'rolebindings'],
    verbs: ['create', 'update', 'patch'],
  },
  evaluate(event) {
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const binding = bindingOf(event);
    if (binding?.roleRef.kind !== 'ClusterRole' || !adminRoles.has(binding.roleRef.name)) {
      return undefined;
    }
    const subjects = binding.subjects.filter(reachesDefaultAccount);
    if (subjects.length === 0) {
      return undefined;
    }
    const scope =
      binding.namespace !== undefined ? `in namespace ${binding.namespace}` : 'cluster-wide';
    return {
      message:
        `${actorOf(event)} ${didVerb(event)} ${describeBinding(binding)}, granting ` +
        `${describeRoleRef(binding)} ${scope} to ${describeSubjects(subjects)}.`,
      fields: {
        binding: describeBinding(binding),
        role: describeRoleRef(binding),
        subjects: describeSubjects(subjects),
      },
    };
  },
};
