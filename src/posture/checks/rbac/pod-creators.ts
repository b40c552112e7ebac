import type { Check } from '../../check/types.js';
import { cis, podCreation } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/**
 * CIS 4.1.4: who can create pods, or create or change the pod controllers that create them. A
 * pod can run privileged, mount a host path or run as any service account of its namespace.
 */
export const check: Check = permissionCheck({
  id: 'rbac-pod-creators',
  title: 'Pods cannot be created cluster-wide or in kube-system',
  severity: 'high',
  controls: [cis('4.1.4')],
  remediation:
    'Remove create on pods and create, update and patch on pod controllers from the role, or bind it only in the namespaces where the subject deploys.',
  scope: 'privileged',
  power: 'create pods or create, update or patch pod controllers',
  permissions: podCreation,
});
