import type { Check } from '../../check/types.js';
import { cis, tokenCreation } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/** CIS 4.1.12, namespace variant: minting tokens of the service accounts of one namespace. */
export const check: Check = permissionCheck({
  id: 'rbac-token-creators-namespaced',
  title: 'Service account tokens are minted only where needed',
  severity: 'medium',
  controls: [cis('4.1.12')],
  remediation:
    'Remove create on serviceaccounts/token from the Role, or limit it with resourceNames to the service accounts the subject must act for.',
  scope: 'namespaced',
  power: 'create serviceaccounts/token',
  permissions: tokenCreation,
});
