import type { Check } from '../../check/types.js';
import { awsAuthWrite } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/**
 * EKS: the `aws-auth` ConfigMap in kube-system maps IAM roles and users to Kubernetes users
 * and groups, system:masters included, so whoever can update it can make any IAM principal a
 * cluster admin. CIS 4.1.7 asks for access entries instead of the ConfigMap but not about who
 * may write it, and Defender has no such recommendation: no controls.
 */
export const check: Check = permissionCheck({
  id: 'rbac-aws-auth-writers',
  title: 'The aws-auth ConfigMap is not writable',
  severity: 'critical',
  controls: [],
  remediation:
    'Remove update and patch on configmaps in kube-system (or limit them with resourceNames that leave out aws-auth); manage cluster access with EKS access entries.',
  scope: 'any',
  power: 'update or patch the kube-system/aws-auth ConfigMap',
  permissions: awsAuthWrite,
});
