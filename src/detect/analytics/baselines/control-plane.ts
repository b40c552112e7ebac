import { isSystemComponent } from '../../audit/fields.js';

/**
 * The service accounts kube-controller-manager acts as (`--use-service-account-credentials`,
 * as EKS runs it), named after its controllers. Their tokens live in the control plane, out
 * of a tenant's reach, and each new namespace makes them do something new there: judged as
 * baselines they would raise an alert per controller per namespace.
 */
const controllerAccounts = new Set([
  'attachdetach-controller',
  'bootstrap-signer',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'service-account-controller',
  'service-cidrs-controller',
  'service-controller',
  'statefulset-controller',
  'token-cleaner',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
]);

const controllerPrefix = 'system:serviceaccount:kube-system:';

/**
 * Kubernetes' and EKS's own control plane: `system:` components (nodes included), the
 * controller manager's service accounts, and EKS's `eks:` users (its managed add-on and
 * certificate controllers, which run inside AWS).
 */
export function isControlPlaneIdentity(username: string): boolean {
  if (username.startsWith(controllerPrefix)) {
    return controllerAccounts.has(username.slice(controllerPrefix.length));
  }
  return isSystemComponent(username) || username.startsWith('eks:');
}
