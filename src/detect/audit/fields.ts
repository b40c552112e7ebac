import { isRecord } from '../../core/is-record.js';
import type { AlertIdentity, AlertObject } from '../../core/alert.js';
import type { AuditEvent } from './event.js';

/**
 * Reading the parts of an event that rules share. Request and response bodies are whatever the
 * client sent: every accessor checks types and returns undefined or empty rather than throwing.
 */

/** 2xx, or 101 for an exec or attach whose stream was opened (judged at `ResponseStarted`). */
export function succeeded(event: AuditEvent): boolean {
  const code = event.responseStatus?.code;
  return code !== undefined && ((code >= 200 && code < 300) || code === 101);
}

/** `pods`, `pods/exec`, or `-` for a non-resource URL. */
export function resourcePath(event: AuditEvent): string {
  const ref = event.objectRef;
  if (ref?.resource === undefined) {
    return '-';
  }
  return ref.subresource !== undefined && ref.subresource !== ''
    ? `${ref.resource}/${ref.subresource}`
    : ref.resource;
}

const serviceAccountPrefix = 'system:serviceaccount:';

/** `{ namespace, name }` for `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountOf(
  username: string
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(serviceAccountPrefix)) {
    return undefined;
  }
  const rest = username.slice(serviceAccountPrefix.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) {
    return undefined;
  }
  return { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/** Who acted: the impersonated user when there is one, with the real sender kept. */
export function identityOf(event: AuditEvent): AlertIdentity {
  const acting = event.impersonatedUser ?? event.user;
  const identity: AlertIdentity = {
    username: acting.username,
    groups: Array.isArray(acting.groups) ? [...acting.groups] : [],
  };
  const account = serviceAccountOf(acting.username);
  if (account !== undefined) {
    identity.serviceAccount = account;
  }
  const arn = event.user.extra?.['arn']?.[0];
  if (typeof arn === 'string') {
    identity.arn = arn;
  }
  if (event.impersonatedUser !== undefined) {
    identity.impersonatedBy = event.user.username;
  }
  return identity;
}

/** The acting username (the impersonated one when impersonating). */
export function usernameOf(event: AuditEvent): string {
  return (event.impersonatedUser ?? event.user).username;
}

/** Kubernetes' own components and nodes: `system:*` users other than service accounts and anonymous. */
export function isSystemComponent(username: string): boolean {
  return (
    username.startsWith('system:') &&
    !username.startsWith(serviceAccountPrefix) &&
    username !== 'system:anonymous'
  );
}

export function isAnonymous(event: AuditEvent): boolean {
  const user = event.impersonatedUser ?? event.user;
  return (
    user.username === 'system:anonymous' ||
    (Array.isArray(user.groups) && user.groups.includes('system:unauthenticated'))
  );
}

export function objectOf(event: AuditEvent): AlertObject | undefined {
  const ref = event.objectRef;
  if (ref?.resource === undefined) {
    return undefined;
  }
  const object: AlertObject = { resource: ref.resource };
  if (ref.subresource) {
    object.subresource = ref.subresource;
  }
  if (ref.apiGroup) {
    object.apiGroup = ref.apiGroup;
  }
  if (ref.namespace) {
    object.namespace = ref.namespace;
  }
  if (ref.name) {
    object.name = ref.name;
  }
  return object;
}

/**
 * The object as it is after the request: the response body when the policy logged it
 * (`RequestResponse`), else the request body when it is a whole object. A JSON-patch array is
 * not an object and gives undefined; a merge patch gives the fields it sets.
 */
export function resultingObject(event: AuditEvent): Record<string, unknown> | undefined {
  const response = event.responseObject;
  if (isRecord(response) && response['kind'] !== 'Status') {
    return response;
  }
  const request = event.requestObject;
  return isRecord(request) ? request : undefined;
}

/** The name of the object, from the reference or, for a create, from the body. */
export function objectName(event: AuditEvent): string | undefined {
  const name = event.objectRef?.name;
  if (name) {
    return name;
  }
  const body = resultingObject(event);
  const metadata = body !== undefined ? body['metadata'] : undefined;
  if (isRecord(metadata)) {
    const named = metadata['name'] ?? metadata['generateName'];
    return typeof named === 'string' ? named : undefined;
  }
  return undefined;
}

/** `shop/web`, `web`, or the resource when nothing names it. */
export function describeTarget(event: AuditEvent): string {
  const name = objectName(event) ?? '(unnamed)';
  const namespace = event.objectRef?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** Plural resources whose objects carry a pod template (or are pods). */
export const workloadResources: ReadonlySet<string> = new Set([
  'pods',
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'replicationcontrollers',
  'jobs',
  'cronjobs',
]);

/** The pod spec of a Pod or of a workload's template, by the object's shape. */
export function podSpecOf(
  object: Record<string, unknown> | undefined
): Record<string, unknown> | undefined {
  if (object === undefined) {
    return undefined;
  }
  const spec = object['spec'];
  if (!isRecord(spec)) {
    return undefined;
  }
  if (object['kind'] === 'Pod' || Array.isArray(spec['containers'])) {
    return spec;
  }
  const jobTemplate = spec['jobTemplate'];
  const template =
    isRecord(jobTemplate) && isRecord(jobTemplate['spec'])
      ? jobTemplate['spec']['template']
      : spec['template'];
  if (isRecord(template) && isRecord(template['spec'])) {
    return template['spec'];
  }
  return undefined;
}

export interface ContainerView {
  /** `container app`, `init container setup`, `ephemeral container debugger`. */
  label: string;
  name: string;
  image: string;
  securityContext: Record<string, unknown>;
  raw: Record<string, unknown>;
}

/** Every container of a pod spec, init and ephemeral ones included. */
export function containersOf(spec: Record<string, unknown> | undefined): ContainerView[] {
  if (spec === undefined) {
    return [];
  }
  const views: ContainerView[] = [];
  const lists: [string, string][] = [
    ['containers', 'container'],
    ['initContainers', 'init container'],
    ['ephemeralContainers', 'ephemeral container'],
  ];
  for (const [field, kind] of lists) {
    const list = spec[field];
    if (!Array.isArray(list)) {
      continue;
    }
    for (const entry of list) {
      if (!isRecord(entry)) {
        continue;
      }
      const name = typeof entry['name'] === 'string' ? entry['name'] : '(unnamed)';
      const context = entry['securityContext'];
      views.push({
        label: `${kind} ${name}`,
        name,
        image: typeof entry['image'] === 'string' ? entry['image'] : '',
        securityContext: isRecord(context) ? context : {},
        raw: entry,
      });
    }
  }
  return views;
}

/** `Event` times are RFC 3339 with microseconds; the ISO form with milliseconds is kept. */
export function eventTime(event: AuditEvent): string {
  return event.stageTimestamp;
}
