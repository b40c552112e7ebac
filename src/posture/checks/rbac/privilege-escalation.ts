import type { Check } from '../../check/types.js';
import { cis, privilegeEscalation } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/**
 * CIS 4.1.8: bind and escalate on roles let a subject grant itself any role; impersonate lets
 * it act as any user, group (system:masters) or service account.
 */
export const check: Check = permissionCheck({
  id: 'rbac-privilege-escalation',
  title: 'No bind, escalate or impersonate cluster-wide or in kube-system',
  severity: 'critical',
  controls: [cis('4.1.8')],
  remediation:
    'Remove the bind, escalate and impersonate verbs from the role; if a controller needs bind, limit it with resourceNames to the roles it hands out.',
  scope: 'privileged',
  power: 'bind or escalate roles or impersonate users, groups or service accounts',
  permissions: privilegeEscalation,
});
