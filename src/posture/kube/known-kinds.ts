import { workloadKinds } from './workloads.js';

/**
 * The kinds some check reads. Objects of other kinds (custom resources, StorageClasses) are
 * kept in the snapshot but judged by nothing, and the assessment says so, so a typo in a
 * kind (`Deploymnet`) is not silently a clean result.
 */
export const assessedKinds: ReadonlySet<string> = new Set([
  ...workloadKinds,
  'Namespace',
  'Service',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'ServiceAccount',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);
