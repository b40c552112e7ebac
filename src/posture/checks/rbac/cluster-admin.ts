import type { Check, CheckResult } from '../../check/types.js';
import type { Snapshot } from '../../snapshot/types.js';
import { cis } from './catalog.js';
import { rbacModel, type Grant } from './resolve.js';
import { subjectCheck } from './subject-check.js';

/**
 * CIS 4.1.1: cluster-admin only where required. A subject fails when a ClusterRoleBinding (or
 * a RoleBinding in kube-system) gives it `cluster-admin`, or any role with a rule of `*` verbs
 * on `*` resources in `*` API groups, which is the same power under another name.
 */
const subjects = subjectCheck({
  id: 'rbac-cluster-admin',
  title: 'cluster-admin is bound only to system:masters',
  severity: 'critical',
  controls: [cis('4.1.1')],
  remediation:
    'Remove the binding to cluster-admin (or the all-wildcard role); bind a role with only the verbs and resources the subject needs.',
  scope: 'privileged',
  power: 'use cluster-admin or a role with the same all-wildcard rule',
  powers: fullAccess,
});

/**
 * Besides one result per subject, a `manual` result per binding that could not be read: it may
 * bind cluster-admin to anyone.
 */
export const check: Check = {
  ...subjects,
  run(snapshot: Snapshot): CheckResult[] {
    const unreadable = rbacModel(snapshot).unreadable.filter(
      (item) => item.kind === 'RoleBinding' || item.kind === 'ClusterRoleBinding'
    );
    return [
      ...subjects.run(snapshot),
      ...unreadable.map((item) => ({
        status: 'manual' as const,
        resource: item.ref,
        reason: `the ${item.kind} could not be read, so whom it grants what is unknown: ${item.message}`,
      })),
    ];
  },
};

/** `use cluster-admin`, or the all-wildcard rule that makes another role its equal. */
export function fullAccess(grant: Grant): string[] {
  const role = grant.binding.role;
  if (role === undefined) {
    return [];
  }
  if (role.kind === 'ClusterRole' && role.name === 'cluster-admin') {
    return ['use cluster-admin'];
  }
  const everything = role.effective.find(
    ({ rule }) =>
      (rule.apiGroups ?? []).includes('*') &&
      (rule.resources ?? []).includes('*') &&
      rule.verbs.includes('*') &&
      (rule.resourceNames ?? []).length === 0
  );
  if (everything === undefined) {
    return [];
  }
  const where = `${everything.role.kind} ${everything.role.name} rules[${everything.index}]`;
  return [`do anything (${where}: * verbs on * resources in * API groups, as cluster-admin)`];
}
