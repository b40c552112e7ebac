import type { EksSnapshot } from './eks.js';
import type { NodeSnapshot } from './node.js';

/**
 * What the checks read: Kubernetes objects as the API server or a manifest states them, plus
 * what a source could not read. Checks never touch the network; sources fill snapshots.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  /** Everything else, as the document had it: read through the schemas in `kube/`. */
  [field: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid?: string }[];
}

/** Which object a result is about, and where inside it (`containers[app]`, `spec.hostNetwork`). */
export interface ResourceRef {
  kind: string;
  name: string;
  namespace?: string;
  apiVersion?: string;
  /** The file and document a manifest came from (`deploy/app.yaml#2`); absent for live objects. */
  origin?: string;
}

export interface Snapshot {
  /** Where it came from, for the report: `manifests: deploy/`, `cluster: prod-eu (https://…)`. */
  source: string;
  objects: KubeObject[];
  /** For manifests: the file and document each object came from (`deploy/app.yaml#2`). */
  origins: ReadonlyMap<KubeObject, string>;
  /** What could not be read (a forbidden kind, a bad document); a partial snapshot says so here. */
  notes: string[];
  /** A worker node's kubelet configuration and file permissions (`palisade assess node`). */
  node?: NodeSnapshot;
  /** The EKS cluster's AWS-side configuration (`palisade assess eks`). */
  eks?: EksSnapshot;
}

/** The reference of an object, for results about the object as a whole. */
export function refOf(snapshot: Pick<Snapshot, 'origins'>, object: KubeObject): ResourceRef {
  const origin = snapshot.origins.get(object);
  return {
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}),
    apiVersion: object.apiVersion,
    ...(origin !== undefined ? { origin } : {}),
  };
}
