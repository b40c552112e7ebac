import type { Check } from '../../check/types.js';
import { cis } from './catalog.js';
import { fullAccess } from './cluster-admin.js';
import { subjectCheck } from './subject-check.js';

/**
 * CIS 4.1.1, namespace variant: a RoleBinding to cluster-admin (or an all-wildcard role) makes
 * the subject the owner of everything in that namespace, its secrets and service accounts too.
 * Subjects that hold it cluster-wide or in kube-system are judged by `rbac-cluster-admin`.
 */
export const check: Check = subjectCheck({
  id: 'rbac-cluster-admin-namespaced',
  title: 'cluster-admin is not bound inside namespaces',
  severity: 'medium',
  controls: [cis('4.1.1')],
  remediation:
    'Bind the built-in admin or edit ClusterRole, or a Role with only what the subject needs, instead of cluster-admin.',
  scope: 'namespaced',
  power: 'use cluster-admin or a role with the same all-wildcard rule',
  powers: fullAccess,
});
