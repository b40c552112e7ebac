import type { Check } from '../../check/types.js';
import { cis, tokenCreation } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/** CIS 4.1.12: creating serviceaccounts/token mints a token of any account in reach. */
export const check: Check = permissionCheck({
  id: 'rbac-token-creators',
  title: 'Service account tokens cannot be minted cluster-wide or in kube-system',
  severity: 'high',
  controls: [cis('4.1.12')],
  remediation:
    'Remove create on serviceaccounts/token, or limit it with resourceNames to the service accounts the subject must act for.',
  scope: 'privileged',
  power: 'create serviceaccounts/token',
  permissions: tokenCreation,
});
