import type { Check } from '../../check/types.js';
import { cis, privilegeEscalation } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/**
 * CIS 4.1.8, namespace variant: bind or escalate on Roles, or impersonating service accounts,
 * inside one namespace (users, groups and ClusterRoles are cluster-scoped: no RoleBinding
 * grants them).
 */
export const check: Check = permissionCheck({
  id: 'rbac-privilege-escalation-namespaced',
  title: 'No bind, escalate or impersonate inside namespaces',
  severity: 'medium',
  controls: [cis('4.1.8')],
  remediation:
    'Remove the bind, escalate and impersonate verbs from the Role, or limit bind with resourceNames to the roles the subject hands out.',
  scope: 'namespaced',
  power: 'bind or escalate roles or impersonate service accounts',
  permissions: privilegeEscalation,
});
