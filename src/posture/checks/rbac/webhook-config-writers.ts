import type { Check } from '../../check/types.js';
import { cis, webhookConfiguration } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/**
 * CIS 4.1.11: a validating or mutating webhook sees (and a mutating one rewrites) every object
 * it selects; deleting one turns a policy engine off.
 */
export const check: Check = permissionCheck({
  id: 'rbac-webhook-config-writers',
  title: 'Admission webhook configurations are not writable',
  severity: 'high',
  controls: [cis('4.1.11')],
  remediation:
    'Remove create, update, patch and delete on validatingwebhookconfigurations and mutatingwebhookconfigurations; limit the installer of an admission controller to its own configuration with resourceNames.',
  scope: 'any',
  power: 'create, update, patch or delete admission webhook configurations',
  permissions: webhookConfiguration,
});
