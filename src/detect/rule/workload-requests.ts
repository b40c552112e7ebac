import { isRecord } from '../../core/is-record.js';
import type { AuditEvent } from '../audit/event.js';
import {
  containersOf,
  podSpecOf,
  resultingObject,
  succeeded,
  workloadResources,
  type ContainerView,
} from '../audit/fields.js';
import { isPlatformRequest } from '../audit/platform.js';

/** The verbs that leave an object written: what the workload and configuration rules judge. */
export const writeVerbs: readonly string[] = ['create', 'update', 'patch'];

/** `on.resources` of a rule over workloads: every kind with a pod template, and pods. */
export const workloadOn: readonly string[] = [...workloadResources];

/** The subresource through which `kubectl debug` adds a container to a running pod. */
export const ephemeralContainersResource = 'pods/ephemeralcontainers';

/**
 * `?dryRun=All`: the API server answered as if it wrote, and wrote nothing (server-side
 * `kubectl apply --dry-run=server`, admission tests). Judging it would alert on what never ran.
 */
export function isDryRun(event: AuditEvent): boolean {
  const query = event.requestURI.indexOf('?');
  return query >= 0 && /(?:^|&)dryRun=All(?:&|$)/.test(event.requestURI.slice(query + 1));
}

/** A request that succeeded, for real, with one of `verbs`. */
export function isEffectiveWrite(event: AuditEvent, verbs: readonly string[]): boolean {
  return verbs.includes(event.verb) && succeeded(event) && !isDryRun(event);
}

/** Built-in API groups by resource: a custom resource that reuses a plural is someone else's. */
const builtInGroups: Record<string, readonly string[]> = {
  pods: [''],
  replicationcontrollers: [''],
  services: [''],
  configmaps: [''],
  persistentvolumes: [''],
  events: ['', 'events.k8s.io'],
  deployments: ['apps', 'extensions'],
  daemonsets: ['apps', 'extensions'],
  replicasets: ['apps', 'extensions'],
  statefulsets: ['apps'],
  jobs: ['batch'],
  cronjobs: ['batch'],
  ingresses: ['networking.k8s.io', 'extensions'],
  mutatingwebhookconfigurations: ['admissionregistration.k8s.io'],
  validatingwebhookconfigurations: ['admissionregistration.k8s.io'],
};

/** The reference names a built-in resource in its own API group (core is `''` or absent). */
export function isBuiltIn(event: AuditEvent): boolean {
  const resource = event.objectRef?.resource;
  const groups = resource !== undefined ? builtInGroups[resource] : undefined;
  return groups?.includes(event.objectRef?.apiGroup ?? '') ?? false;
}

export interface WorkloadView {
  /** The object after the request (the response body, else a whole-object or merge-patch body). */
  object: Record<string, unknown>;
  /** The pod spec: the Pod's, or the template's. */
  spec: Record<string, unknown>;
  /** The containers to judge: all of them, or only the ephemeral ones for the subresource. */
  containers: ContainerView[];
}

function podSpecFor(
  event: AuditEvent,
  object: Record<string, unknown>
): Record<string, unknown> | undefined {
  // A merge patch of a pod (`{"spec":{"ephemeralContainers":[…]}}`) carries neither `kind` nor
  // `containers`, so the shape alone cannot say it is a pod spec; the reference can.
  if (event.objectRef?.resource === 'pods') {
    const spec = object['spec'];
    return isRecord(spec) ? spec : undefined;
  }
  return podSpecOf(object);
}

/**
 * Several rules read the same workload out of the same event; the engine hands each rule the
 * same object, so the view is worked out once per event and dropped with it.
 */
const views = new WeakMap<AuditEvent, WorkloadView | null>();

/**
 * The workload a person (not a controller or the cluster itself) wrote with a successful create,
 * update or patch, or undefined when there is nothing to judge: another verb, a failure, a dry
 * run, a controller's replica, a custom resource, or a JSON-patch body with no response logged.
 * The view is shared between rules: read it, never change it.
 */
export function judgedWorkload(event: AuditEvent): WorkloadView | undefined {
  const known = views.get(event);
  if (known !== undefined) {
    return known ?? undefined;
  }
  const view = viewOf(event);
  views.set(event, view ?? null);
  return view;
}

function viewOf(event: AuditEvent): WorkloadView | undefined {
  if (!isEffectiveWrite(event, writeVerbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
    return undefined;
  }
  const object = resultingObject(event);
  if (object === undefined) {
    return undefined;
  }
  const spec = podSpecFor(event, object);
  if (spec === undefined) {
    return undefined;
  }
  const all = containersOf(spec);
  const containers =
    event.objectRef?.subresource === 'ephemeralcontainers'
      ? all.filter((container) => container.label.startsWith('ephemeral container '))
      : all;
  return { object, spec, containers };
}
