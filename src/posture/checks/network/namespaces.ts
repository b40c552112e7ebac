import type { CheckResult, ResultStatus } from '../../check/types.js';
import { NetworkPolicySpec, parseSpec } from '../../kube/network-objects.js';
import { podTemplates, type PodTemplate } from '../../kube/workloads.js';
import { refOf, type KubeObject, type ResourceRef, type Snapshot } from '../../snapshot/types.js';
import { isEmptySelector, selects } from './label-selector.js';

/**
 * What the network checks share: the snapshot's pod templates and NetworkPolicies (read once per
 * snapshot), grouped by namespace. Objects a manifest leaves without a namespace are grouped
 * together as one namespace, the one they will be applied to, reported as `unsetNamespace`.
 */
export const unsetNamespace = '(namespace not set)';

export interface Policy {
  object: KubeObject;
  name: string;
  spec: NetworkPolicySpec;
}

export interface NamespaceGroup {
  /** The namespace name, or `unsetNamespace`. */
  name: string;
  /** The Namespace object, or a reference built from the name when the snapshot has none. */
  resource: ResourceRef;
  /** What made a namespace without a Namespace object known: `Deployment web`. */
  seenThrough?: string;
  policies: Policy[];
  templates: PodTemplate[];
}

export interface NetworkView {
  templates: readonly PodTemplate[];
  /** The templates by namespace (`namespaceOf` their owner). */
  templatesByNamespace: ReadonlyMap<string, PodTemplate[]>;
  policies: ReadonlyMap<string, Policy[]>;
}

const cache = new WeakMap<Snapshot, NetworkView>();

export function namespaceOf(object: KubeObject): string {
  const namespace = object.metadata.namespace;
  return namespace === undefined || namespace === '' ? unsetNamespace : namespace;
}

/**
 * The snapshot's pod templates and its NetworkPolicies by namespace. A policy whose spec does not
 * parse is left out (it then covers nothing, which can only make a result stricter).
 */
export function networkView(snapshot: Snapshot): NetworkView {
  let view = cache.get(snapshot);
  if (view === undefined) {
    const policies = new Map<string, Policy[]>();
    for (const object of snapshot.objects) {
      if (object.kind !== 'NetworkPolicy') {
        continue;
      }
      const parsed = parseSpec(NetworkPolicySpec, object);
      if (parsed.ok) {
        const key = namespaceOf(object);
        const policy = { object, name: object.metadata.name, spec: parsed.spec };
        const list = policies.get(key);
        if (list === undefined) {
          policies.set(key, [policy]);
        } else {
          list.push(policy);
        }
      }
    }
    const templates = podTemplates(snapshot);
    const templatesByNamespace = new Map<string, PodTemplate[]>();
    for (const template of templates) {
      const key = namespaceOf(template.owner);
      const list = templatesByNamespace.get(key);
      if (list === undefined) {
        templatesByNamespace.set(key, [template]);
      } else {
        list.push(template);
      }
    }
    view = { templates, templatesByNamespace, policies };
    cache.set(snapshot, view);
  }
  return view;
}

/**
 * Every namespace to judge: each Namespace object, then each namespace that only pod templates
 * reveal, in the order first seen.
 */
export function namespaceGroups(snapshot: Snapshot): NamespaceGroup[] {
  const view = networkView(snapshot);
  const groups = new Map<string, NamespaceGroup>();
  for (const object of snapshot.objects) {
    if (object.kind === 'Namespace' && !groups.has(object.metadata.name)) {
      groups.set(object.metadata.name, group(object.metadata.name, refOf(snapshot, object), view));
    }
  }
  for (const template of view.templates) {
    const name = namespaceOf(template.owner);
    let known = groups.get(name);
    if (known === undefined) {
      known = group(name, { kind: 'Namespace', name, apiVersion: 'v1' }, view);
      known.seenThrough = `${template.ref.kind} ${template.ref.name}`;
      groups.set(name, known);
    }
    known.templates.push(template);
  }
  return [...groups.values()];
}

function group(name: string, resource: ResourceRef, view: NetworkView): NamespaceGroup {
  return { name, resource, policies: view.policies.get(name) ?? [], templates: [] };
}

/** `namespace shop`, with how it was found when the snapshot has no Namespace object for it. */
export function describeNamespace(group: NamespaceGroup): string {
  const name = group.name === unsetNamespace ? 'the unset namespace' : `namespace ${group.name}`;
  return group.seenThrough !== undefined
    ? `${name} (no Namespace object; seen through ${group.seenThrough})`
    : name;
}

/** The directions a policy isolates, with the API's defaulting when `policyTypes` is empty. */
export function policyTypes(spec: NetworkPolicySpec): ('Ingress' | 'Egress')[] {
  if (spec.policyTypes !== undefined && spec.policyTypes.length > 0) {
    return (['Ingress', 'Egress'] as const).filter((type) => spec.policyTypes?.includes(type));
  }
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policies of the template's namespace whose podSelector selects its labels. */
export function policiesSelecting(view: NetworkView, template: PodTemplate): Policy[] {
  return (view.policies.get(namespaceOf(template.owner)) ?? []).filter((policy) =>
    selects(policy.spec.podSelector ?? {}, template.labels)
  );
}

/**
 * A default deny for one direction: it selects every pod (`podSelector: {}`), isolates that
 * direction, and allows nothing in it (no rules; a single empty rule would allow everything).
 */
export function isDefaultDeny(policy: Policy, direction: 'Ingress' | 'Egress'): boolean {
  const rules = direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress;
  return (
    isEmptySelector(policy.spec.podSelector ?? {}) &&
    policyTypes(policy.spec).includes(direction) &&
    (rules ?? []).length === 0
  );
}

/** One result per namespace group. */
export function perNamespace(
  snapshot: Snapshot,
  judge: (group: NamespaceGroup) => { status: ResultStatus; reason: string }
): CheckResult[] {
  return namespaceGroups(snapshot).map((group) => ({ ...judge(group), resource: group.resource }));
}
