import type { Check } from '../../check/types.js';
import { cis, podCreation } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/** CIS 4.1.4, namespace variant: pods and pod controllers created in other namespaces. */
export const check: Check = permissionCheck({
  id: 'rbac-pod-creators-namespaced',
  title: 'Pods are created only by subjects that deploy',
  severity: 'medium',
  controls: [cis('4.1.4')],
  remediation:
    'Keep create on pods and pod controllers to the deployers of the namespace (CI, GitOps controllers); remove it from other roles.',
  scope: 'namespaced',
  power: 'create pods or create, update or patch pod controllers',
  permissions: podCreation,
});
