import type { Check } from '../../check/types.js';
import { cis, secretsRead } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/** CIS 4.1.2: who can get, list or watch Secrets (service account tokens, credentials). */
export const check: Check = permissionCheck({
  id: 'rbac-secrets-readers',
  title: 'Secrets are not readable cluster-wide or in kube-system',
  severity: 'high',
  controls: [cis('4.1.2')],
  remediation:
    'Remove get, list and watch on secrets from the role, or limit the rule to the namespace and the resourceNames the subject needs.',
  scope: 'privileged',
  power: 'get, list or watch secrets',
  permissions: secretsRead,
});
