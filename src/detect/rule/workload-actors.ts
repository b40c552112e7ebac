import type { AuditEvent } from '../audit/event.js';
import { isSystemComponent, serviceAccountOf, usernameOf } from '../audit/fields.js';

/**
 * Who counts as the cluster itself rather than a person or an application. An impersonated
 * request never does: whoever may impersonate `system:node:x` or a controller's account could
 * otherwise hide a privileged pod behind that name, so only a request the component sent with
 * its own credentials is exempt.
 */

/**
 * The kube-controller-manager's accounts (EKS runs it with `--use-service-account-credentials`)
 * that write workloads on someone's behalf: pods of ReplicaSets, DaemonSets, Jobs, StatefulSets
 * and ReplicationControllers, the ReplicaSets of Deployments, the Jobs of CronJobs, and the
 * garbage collector's owner-reference patches; and the volume controllers that bind and protect
 * PersistentVolumes. The object was judged when a person wrote it.
 */
export const workloadControllers: ReadonlySet<string> = new Set([
  'replicaset-controller',
  'replication-controller',
  'daemon-set-controller',
  'statefulset-controller',
  'job-controller',
  'cronjob-controller',
  'deployment-controller',
  'generic-garbage-collector',
  'persistent-volume-binder',
  'pv-protection-controller',
]);

/** The controllers that delete events as housekeeping: namespace teardown and ownership. */
export const eventHousekeepers: ReadonlySet<string> = new Set([
  'generic-garbage-collector',
  'namespace-controller',
]);

/**
 * Kubernetes' components and nodes (`system:kube-controller-manager`, `system:node:ip-…`) and
 * EKS's own components (`eks:addon-manager`, `eks:node-manager`, …), acting as themselves.
 */
export function isClusterComponent(event: AuditEvent): boolean {
  if (event.impersonatedUser !== undefined) {
    return false;
  }
  const username = event.user.username;
  return isSystemComponent(username) || username.startsWith('eks:');
}

/** One of `controllers`, as a service account of kube-system, acting as itself. */
export function isKubeSystemController(
  event: AuditEvent,
  controllers: ReadonlySet<string>
): boolean {
  if (event.impersonatedUser !== undefined) {
    return false;
  }
  const account = serviceAccountOf(event.user.username);
  return account?.namespace === 'kube-system' && controllers.has(account.name);
}

/** A cluster component or a workload controller: a write that repeats what a person did. */
export function isPlatformActor(event: AuditEvent): boolean {
  return isClusterComponent(event) || isKubeSystemController(event, workloadControllers);
}

/** `alice`, or `alice (impersonated by bob)`: the acting user as the API server recorded it. */
export function actorOf(event: AuditEvent): string {
  const acting = usernameOf(event);
  return event.impersonatedUser !== undefined
    ? `${acting} (impersonated by ${event.user.username})`
    : acting;
}
