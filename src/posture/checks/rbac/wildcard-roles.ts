import type { Check } from '../../check/types.js';
import { wildcardCheck } from './wildcard-check.js';

/** CIS 4.1.3 for Roles: a wildcard limited to one namespace. */
export const check: Check = wildcardCheck({
  id: 'rbac-wildcard-roles',
  title: 'Roles do not use wildcards',
  severity: 'medium',
  kind: 'Role',
  remediation:
    'Replace * in apiGroups, resources and verbs with the groups, resources and verbs the role needs.',
});
