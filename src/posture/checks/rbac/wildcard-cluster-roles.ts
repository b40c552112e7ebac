import type { Check } from '../../check/types.js';
import { wildcardCheck } from './wildcard-check.js';

/** CIS 4.1.3 for ClusterRoles: a wildcard there reaches every namespace it is bound in. */
export const check: Check = wildcardCheck({
  id: 'rbac-wildcard-cluster-roles',
  title: 'ClusterRoles do not use wildcards',
  severity: 'critical',
  kind: 'ClusterRole',
  remediation:
    'Replace * in apiGroups, resources and verbs with the groups, resources and verbs the role needs.',
});
