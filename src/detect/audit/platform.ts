import type { AuditEvent } from './event.js';
import { isSystemComponent, serviceAccountOf } from './fields.js';

/**
 * Which identities run the cluster rather than use it, so that the rules and the behaviour models
 * stay quiet when the control plane does its own work (it reconciles the bootstrap roles and
 * bindings on every start, creates the `default` account in each namespace, watches secrets):
 *
 * - Kubernetes' components and nodes (`isSystemComponent`): `system:apiserver`,
 *   `system:kube-controller-manager`, `system:kube-scheduler`, `system:node:<name>`. The
 *   authenticator gives these names only to the components' own credentials.
 * - EKS's control-plane users, `eks:*` (`eks:addon-manager`, `eks:node-manager`,
 *   `eks:certificate-controller`, ...): the EKS authenticator maps AWS's own principals to them,
 *   and a customer's IAM mapping is not expected to use the prefix. EKS has no `eks:` service
 *   accounts: a service account name cannot hold a colon.
 * - kube-controller-manager's per-controller service accounts in kube-system (EKS runs it with
 *   `--use-service-account-credentials`, so each controller loop acts as its own account). Only
 *   the names below, and only in kube-system: add-ons that run there (aws-node, coredns,
 *   kube-proxy, CSI drivers, a Helm-installed controller) are workloads like any other, and a new
 *   account in kube-system is itself something a rule reports.
 *
 * Not excluded: `system:anonymous`, every other service account, and `system:masters` members
 * (people with credentials mapped to the group).
 */
const controllerAccounts: ReadonlySet<string> = new Set([
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
  'service-cidrs-controller',
  'service-account-controller',
  'service-controller',
  'statefulset-controller',
  'token-cleaner',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
]);

/** One of the identities described above. */
export function isPlatformIdentity(username: string): boolean {
  if (isSystemComponent(username) || username.startsWith('eks:')) {
    return true;
  }
  const account = serviceAccountOf(username);
  return (
    account !== undefined &&
    account.namespace === 'kube-system' &&
    controllerAccounts.has(account.name)
  );
}

/**
 * The request was the platform's: a platform identity acting with its own credentials. An
 * impersonated request never is: whoever may impersonate `system:kube-controller-manager` could
 * otherwise hide a binding behind that name (every rule and model decides the same way).
 */
export function isPlatformRequest(event: AuditEvent): boolean {
  return event.impersonatedUser === undefined && isPlatformIdentity(event.user.username);
}
