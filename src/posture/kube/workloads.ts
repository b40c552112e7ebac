import { InputError } from '../../core/errors.js';
import { parseValue } from '../../core/parse.js';
import { refOf, type KubeObject, type ResourceRef, type Snapshot } from '../snapshot/types.js';
import { PodSpec, type Container } from './pod-spec.js';

/** A pod as some object will run it: a bare Pod, or the template of a controller. */
export interface PodTemplate {
  /** The object that holds the template: the Pod, the Deployment, the CronJob. */
  owner: KubeObject;
  ref: ResourceRef;
  /** Where in the owner the pod spec sits, for reasons: `spec.jobTemplate.spec.template.spec`. */
  path: string;
  /** The template's labels and annotations (the Pod's own for a bare Pod). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpec;
}

/** The kinds that run pods, and the path to their pod template. */
const templatePaths: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const workloadKinds: readonly string[] = Object.keys(templatePaths);

/**
 * Every pod template in the snapshot, each checked like a bare Pod. Pods and ReplicaSets that
 * a controller in the same snapshot owns are skipped: the controller's template is checked
 * once, not again through each replica. A template that does not parse is a note, not a crash.
 */
export function podTemplates(snapshot: Snapshot, notes: string[] = []): PodTemplate[] {
  // Every check family asks for the same templates; parsing them is most of a check's cost.
  const known = memo.get(snapshot);
  if (known?.objects === snapshot.objects && known.count === snapshot.objects.length) {
    notes.push(...known.notes);
    return [...known.templates];
  }
  const own: string[] = [];
  const templates = readTemplates(snapshot, own);
  memo.set(snapshot, {
    objects: snapshot.objects,
    count: snapshot.objects.length,
    templates,
    notes: own,
  });
  notes.push(...own);
  return [...templates];
}

/**
 * Keyed by the snapshot, checked against its object list and count: a snapshot whose list was
 * replaced or grew is read again.
 */
const memo = new WeakMap<
  Snapshot,
  {
    objects: readonly KubeObject[];
    count: number;
    templates: readonly PodTemplate[];
    notes: readonly string[];
  }
>();

function readTemplates(snapshot: Snapshot, notes: string[]): PodTemplate[] {
  const owners = new Set(
    snapshot.objects.map((object) =>
      ownerKey(object.kind, object.metadata.namespace, object.metadata.name)
    )
  );
  const templates: PodTemplate[] = [];
  for (const object of snapshot.objects) {
    const path = Object.hasOwn(templatePaths, object.kind) ? templatePaths[object.kind] : undefined;
    if (path === undefined || isOwnedInSnapshot(object, owners)) {
      continue;
    }
    try {
      templates.push(templateOf(snapshot, object, path));
    } catch (error) {
      if (!(error instanceof InputError)) {
        throw error;
      }
      notes.push(error.message);
    }
  }
  return templates;
}

function ownerKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function isOwnedInSnapshot(object: KubeObject, owners: ReadonlySet<string>): boolean {
  return (object.metadata.ownerReferences ?? []).some((owner) =>
    owners.has(ownerKey(owner.kind, object.metadata.namespace, owner.name))
  );
}

function templateOf(snapshot: Snapshot, object: KubeObject, path: readonly string[]): PodTemplate {
  const ref = refOf(snapshot, object);
  const where = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}${ref.origin ? ` (${ref.origin})` : ''}`;
  let template: unknown = object;
  for (const key of path) {
    template = (template as Record<string, unknown> | undefined)?.[key];
  }
  const record = (template ?? {}) as {
    metadata?: { labels?: unknown; annotations?: unknown };
    spec?: unknown;
  };
  if (record.spec === undefined) {
    throw new InputError(`${where}: no pod spec at ${[...path, 'spec'].join('.')}`);
  }
  return {
    owner: object,
    ref,
    path: [...path, 'spec'].join('.'),
    labels: stringMap(record.metadata?.labels),
    annotations: stringMap(record.metadata?.annotations),
    spec: parseValue(PodSpec, record.spec, `${where}: ${[...path, 'spec'].join('.')}`),
  };
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
  );
}

/** Every container of a pod: regular, init and ephemeral, with the list it sits in. */
export function allContainers(
  spec: PodSpec
): { container: Container; list: 'containers' | 'initContainers' | 'ephemeralContainers' }[] {
  return [
    ...spec.containers.map((container) => ({ container, list: 'containers' as const })),
    ...(spec.initContainers ?? []).map((container) => ({
      container,
      list: 'initContainers' as const,
    })),
    ...(spec.ephemeralContainers ?? []).map((container) => ({
      container,
      list: 'ephemeralContainers' as const,
    })),
  ];
}

/**
 * The service account a pod runs as. An empty name is no name: the API server gives the pod
 * `default`; `serviceAccount` is the deprecated spelling of `serviceAccountName`.
 */
export function serviceAccountOf(spec: PodSpec): string {
  return spec.serviceAccountName || spec.serviceAccount || 'default';
}
