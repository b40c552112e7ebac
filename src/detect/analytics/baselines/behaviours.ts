import type { AuditEvent } from '../../audit/event.js';
import { resourcePath, workloadResources } from '../../audit/fields.js';

/** What a baseline remembers: four behaviours, each a set of keys per identity. */
export type BehaviourKind = 'operations' | 'secrets' | 'execs' | 'deploys';

export const behaviourKinds: readonly BehaviourKind[] = [
  'operations',
  'secrets',
  'execs',
  'deploys',
];

/**
 * One thing an identity did, as the baseline keys it:
 * - operations (service accounts): `get configmaps (shop)`, `list pods (cluster-wide)`, `get /apis`;
 * - secrets: `shop/db-password`, `shop/*` for a list or watch, `*\/*` across all namespaces;
 * - execs: the namespace of the pod (`shop`);
 * - deploys: `deployments shop`.
 */
export interface Behaviour {
  kind: BehaviourKind;
  key: string;
}

const secretReads = new Set(['get', 'list', 'watch']);
const deployVerbs = new Set(['create', 'update', 'patch']);
const execSubresources = new Set(['exec', 'attach']);
/** Names are at most 253 characters; anything longer is not a name and must not grow state. */
const maxPart = 253;

function part(text: string): string {
  return text.length > maxPart ? text.slice(0, maxPart) : text;
}

export function behavioursOf(event: AuditEvent, username: string): Behaviour[] {
  const behaviours: Behaviour[] = [];
  const verb = part(event.verb);
  const ref = event.objectRef;
  const namespace = ref?.namespace ? part(ref.namespace) : undefined;
  if (username.startsWith('system:serviceaccount:')) {
    behaviours.push({ kind: 'operations', key: operationKey(event, verb, namespace) });
  }
  const resource = ref?.resource;
  const subresource = ref?.subresource ?? '';
  if (resource === 'secrets' && subresource === '' && secretReads.has(verb)) {
    const name = verb === 'get' && ref?.name ? part(ref.name) : '*';
    behaviours.push({ kind: 'secrets', key: `${namespace ?? '*'}/${name}` });
  }
  if (resource === 'pods' && execSubresources.has(subresource) && namespace !== undefined) {
    behaviours.push({ kind: 'execs', key: namespace });
  }
  if (
    resource !== undefined &&
    subresource === '' &&
    workloadResources.has(resource) &&
    deployVerbs.has(verb) &&
    namespace !== undefined
  ) {
    behaviours.push({ kind: 'deploys', key: `${resource} ${namespace}` });
  }
  return behaviours;
}

function operationKey(event: AuditEvent, verb: string, namespace: string | undefined): string {
  const path = resourcePath(event);
  if (path === '-') {
    // Non-resource URLs by their first segment: `/apis/apps/v1` and `/apis/batch/v1` are one
    // discovery, not two behaviours.
    const segment = /^\/[^/?]*/.exec(event.requestURI)?.[0] ?? '/';
    return `${verb} ${part(segment)}`;
  }
  return `${verb} ${part(path)} (${namespace ?? 'cluster-wide'})`;
}

/**
 * Whether a baseline covers a behaviour. Broader learnt access covers the narrower: a listed
 * namespace covers reading any secret in it (a list returns their values), and a cluster-wide
 * request covers the same verb on the same resource in one namespace.
 */
export function covers(known: ReadonlySet<string>, behaviour: Behaviour): boolean {
  if (known.has(behaviour.key)) {
    return true;
  }
  if (behaviour.kind === 'secrets') {
    const slash = behaviour.key.indexOf('/');
    return known.has(`${behaviour.key.slice(0, slash)}/*`) || known.has('*/*');
  }
  if (behaviour.kind === 'operations') {
    const scope = behaviour.key.lastIndexOf(' (');
    return scope !== -1 && known.has(`${behaviour.key.slice(0, scope)} (cluster-wide)`);
  }
  return false;
}
