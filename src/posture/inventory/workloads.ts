import { isRecord } from '../../core/is-record.js';
import { allContainers, podTemplates } from '../kube/workloads.js';
import type { KubeObject, Snapshot } from '../snapshot/types.js';

/** One container of a workload: the image its spec names and the digests its pods run. */
export interface WorkloadImage {
  container: string;
  /** As the spec writes it: `nginx:1.27`, `registry.example/app@sha256:…`. */
  image: string;
  /** `sha256:…` from the running pods' `status.containerStatuses[].imageID`, sorted. */
  digests: string[];
}

/** A workload as the inventory lists it: the object that owns its pods, and their images. */
export interface Workload {
  kind: string;
  namespace: string;
  name: string;
  images: WorkloadImage[];
}

/** Digests kept per container: a rollout in progress runs two, a stuck one a few more. */
const maxDigests = 16;
const digestPattern = /sha256:[0-9a-f]{64}/;

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/**
 * The object at the top of a pod's owner chain (Pod → ReplicaSet → Deployment, Pod → Job →
 * CronJob), among the objects of the snapshot; a chain that leaves the snapshot stops there.
 */
function topOwner(object: KubeObject, byKey: ReadonlyMap<string, KubeObject>): KubeObject {
  let current = object;
  for (let depth = 0; depth < 8; depth++) {
    const next = (current.metadata.ownerReferences ?? [])
      .map((owner) => byKey.get(key(owner.kind, current.metadata.namespace, owner.name)))
      .find((owner) => owner !== undefined);
    if (next === undefined) {
      return current;
    }
    current = next;
  }
  return current;
}

/** container name → digests its running pods report. */
function runningDigests(pod: KubeObject): Map<string, string> {
  const found = new Map<string, string>();
  const status = isRecord(pod['status']) ? pod['status'] : {};
  for (const list of ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']) {
    const statuses = status[list];
    if (!Array.isArray(statuses)) {
      continue;
    }
    for (const entry of statuses) {
      if (!isRecord(entry) || typeof entry['name'] !== 'string') {
        continue;
      }
      const imageId = typeof entry['imageID'] === 'string' ? entry['imageID'] : '';
      const digest = digestPattern.exec(imageId)?.[0];
      if (digest !== undefined) {
        found.set(entry['name'], digest);
      }
    }
  }
  return found;
}

/**
 * The workloads of a snapshot: each pod template that no other object in the snapshot owns
 * (a Deployment, not its ReplicaSets and Pods; a bare Pod), with the images of its containers
 * and, from the Pods it owns, the digests they run. Sorted by namespace, kind and name.
 */
export function workloadsOf(snapshot: Snapshot): Workload[] {
  const byKey = new Map(
    snapshot.objects.map((object) => [
      key(object.kind, object.metadata.namespace, object.metadata.name),
      object,
    ])
  );
  const digests = new Map<string, Map<string, Set<string>>>();
  for (const object of snapshot.objects) {
    if (object.kind !== 'Pod') {
      continue;
    }
    const owner = topOwner(object, byKey);
    const ownerKey = key(owner.kind, owner.metadata.namespace, owner.metadata.name);
    const containers = digests.get(ownerKey) ?? new Map<string, Set<string>>();
    digests.set(ownerKey, containers);
    for (const [container, digest] of runningDigests(object)) {
      const set = containers.get(container) ?? new Set<string>();
      containers.set(container, set);
      if (set.size < maxDigests) {
        set.add(digest);
      }
    }
  }
  const workloads = podTemplates(snapshot).map((template): Workload => {
    const { kind, namespace, name } = template.ref;
    const running = digests.get(key(kind, namespace, name));
    return {
      kind,
      namespace: namespace ?? '',
      name,
      images: allContainers(template.spec).map(({ container }) => ({
        container: container.name,
        image: container.image ?? '',
        digests: [...(running?.get(container.name) ?? [])].sort(),
      })),
    };
  });
  return workloads.sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name)
  );
}
