import type { AuditEvent } from '../audit/event.js';
import { describeTarget, type ContainerView } from '../audit/fields.js';
import { actorOf } from './workload-actors.js';

/**
 * The words of an alert message. Names and images come from request bodies, so every piece is
 * clipped and stripped of control characters before a person reads it.
 */

const kinds: Record<string, string> = {
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController',
  jobs: 'Job',
  cronjobs: 'CronJob',
  services: 'Service',
  ingresses: 'Ingress',
  configmaps: 'ConfigMap',
  events: 'Event',
  persistentvolumes: 'PersistentVolume',
  mutatingwebhookconfigurations: 'MutatingWebhookConfiguration',
  validatingwebhookconfigurations: 'ValidatingWebhookConfiguration',
};

/** `Deployment` for `deployments`: from the reference the API server wrote, not the body. */
export function kindOf(event: AuditEvent): string {
  const resource = event.objectRef?.resource ?? '';
  return kinds[resource] ?? clip(resource || 'object');
}

const pastTenses: Record<string, string> = {
  create: 'created',
  update: 'updated',
  patch: 'patched',
  delete: 'deleted',
  deletecollection: 'deleted',
};

export function pastTense(verb: string): string {
  return pastTenses[verb] ?? clip(verb);
}

const maxText = 200;

/** At most 200 characters, control characters replaced, so a hostile name stays one short line. */
export function clip(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > maxText ? `${clean.slice(0, maxText)}…` : clean;
}

const maxItems = 10;

/** `a, b, c`, distinct, at most ten and then `(+N more)`. */
export function listOf(items: readonly string[], separator = ', '): string {
  const distinct = [...new Set(items.map(clip))];
  const shown = distinct.slice(0, maxItems).join(separator);
  return distinct.length > maxItems ? `${shown} (+${distinct.length - maxItems} more)` : shown;
}

/** `container app (image registry.example/web:1.2), init container setup (image busybox)`. */
export function describeContainers(containers: readonly ContainerView[]): string {
  return listOf(containers.map(({ label, image }) => `${label} (image ${image || 'none'})`));
}

/** The fields a container-level match leaves as evidence: names and images, comma-joined. */
export function containerFields(containers: readonly ContainerView[]): {
  container: string;
  image: string;
} {
  return {
    container: listOf(containers.map(({ name }) => name)),
    image: listOf(containers.map(({ image }) => image || 'none')),
  };
}

/** `Deployment shop/web created by alice`. */
export function describeRequest(event: AuditEvent): string {
  return `${kindOf(event)} ${clip(describeTarget(event))} ${pastTense(event.verb)} by ${clip(actorOf(event))}`;
}
