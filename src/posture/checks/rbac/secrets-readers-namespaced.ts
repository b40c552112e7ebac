import type { Check } from '../../check/types.js';
import { cis, secretsRead } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/** CIS 4.1.2, namespace variant: Secrets readable in namespaces other than kube-system. */
export const check: Check = permissionCheck({
  id: 'rbac-secrets-readers-namespaced',
  title: 'Secrets are readable only where needed',
  severity: 'medium',
  controls: [cis('4.1.2')],
  remediation:
    'Remove get, list and watch on secrets from the Role, or limit the rule to the resourceNames the subject needs.',
  scope: 'namespaced',
  power: 'get, list or watch secrets',
  permissions: secretsRead,
});
