import type { KubeObject } from '../../src/posture/snapshot/types.js';
import { snapshotOf } from '../../src/posture/snapshot/build.js';
import type { Snapshot } from '../../src/posture/snapshot/types.js';

/**
 * Small builders for the Kubernetes objects posture tests feed to checks, written the way the
 * API returns them. Each takes the parts a test cares about and fills in the rest.
 */
export type Fields = Record<string, unknown>;

export function object(
  kind: string,
  name: string,
  fields: Fields = {},
  namespace = 'default'
): KubeObject {
  const apiVersion = apiVersions[kind] ?? 'v1';
  const { metadata, ...rest } = fields as { metadata?: Fields };
  const clusterScoped = clusterScopedKinds.has(kind);
  return {
    apiVersion,
    kind,
    metadata: { name, ...(clusterScoped ? {} : { namespace }), ...(metadata ?? {}) },
    ...rest,
  };
}

/** A pod spec with one container named `app`; `container` is merged into that container. */
export function podSpec(spec: Fields = {}, container: Fields = {}): Fields {
  return {
    containers: [{ name: 'app', image: 'registry.example/app:1.0', ...container }],
    ...spec,
  };
}

export function pod(
  name: string,
  spec: Fields = podSpec(),
  namespace = 'default',
  metadata: Fields = {}
): KubeObject {
  return object('Pod', name, { metadata, spec }, namespace);
}

/** A controller whose pod template holds `spec`: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job. */
export function workload(
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job',
  name: string,
  spec: Fields = podSpec(),
  namespace = 'default',
  templateMetadata: Fields = {}
): KubeObject {
  return object(
    kind,
    name,
    { spec: { template: { metadata: templateMetadata, spec } } },
    namespace
  );
}

export function cronJob(name: string, spec: Fields = podSpec(), namespace = 'default'): KubeObject {
  return object(
    'CronJob',
    name,
    { spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec } } } } },
    namespace
  );
}

export function snapshot(...objects: KubeObject[]): Snapshot {
  return snapshotOf(
    'test',
    objects.map((item) => ({ object: item }))
  );
}

const apiVersions: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
  ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
};

const clusterScopedKinds = new Set([
  'Namespace',
  'Node',
  'ClusterRole',
  'ClusterRoleBinding',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);
