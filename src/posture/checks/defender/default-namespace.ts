import type { Check, CheckResult } from '../../check/types.js';
import { workloadKinds } from '../../kube/workloads.js';
import { refOf, type KubeObject } from '../../snapshot/types.js';

/**
 * The kinds judged: the ones that run pods, and the application objects Defender's policy and
 * CIS 4.5.2 name (Services, Ingresses, ConfigMaps, Secrets, ServiceAccounts, claims).
 */
const judgedKinds = new Set([
  ...workloadKinds,
  'Service',
  'Ingress',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
]);

/** What Kubernetes itself puts in every `default` namespace. */
function isBuiltIn(object: KubeObject): boolean {
  const { kind } = object;
  const { name } = object.metadata;
  return (
    (kind === 'Service' && name === 'kubernetes') ||
    (kind === 'ServiceAccount' && name === 'default') ||
    (kind === 'ConfigMap' && name === 'kube-root-ca.crt') ||
    (kind === 'Secret' &&
      object.type === 'kubernetes.io/service-account-token' &&
      object.metadata.annotations?.['kubernetes.io/service-account.name'] === 'default')
  );
}

/** Pods and ReplicaSets whose controller is in the snapshot are judged through it. */
function ownedInSnapshot(object: KubeObject, present: ReadonlySet<string>): boolean {
  return (object.metadata.ownerReferences ?? []).some((owner) =>
    present.has(`${owner.kind}/${object.metadata.namespace ?? ''}/${owner.name}`)
  );
}

/**
 * One result per workload and application object: fail in `default`, pass elsewhere. Objects
 * Kubernetes creates there itself are not judged. A manifest object without a namespace is
 * `manual`: it lands in whatever namespace it is applied to, `default` unless one is given.
 */
export const check: Check = {
  id: 'defender-default-namespace',
  title: 'Kubernetes clusters should not use the default namespace',
  severity: 'low',
  controls: [
    { framework: 'defender', id: 'kubernetes-clusters-should-not-use-the-default-namespace' },
    { framework: 'cis-eks-1.8.0', id: '4.5.2' },
  ],
  remediation:
    'Create a namespace per application and move the objects out of default (set metadata.namespace in manifests).',
  run: (snapshot) => {
    const present = new Set(
      snapshot.objects.map(
        (object) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`
      )
    );
    return snapshot.objects
      .filter((object) => judgedKinds.has(object.kind) && !isBuiltIn(object))
      .filter((object) => !ownedInSnapshot(object, present))
      .map((object): CheckResult => {
        const resource = refOf(snapshot, object);
        const namespace = object.metadata.namespace;
        if (namespace === undefined || namespace === '') {
          return {
            status: 'manual',
            resource,
            reason:
              'metadata.namespace is not set: the object lands in the namespace it is applied to (default unless one is given)',
          };
        }
        return namespace === 'default'
          ? { status: 'fail', resource, reason: `${object.kind} is in the default namespace` }
          : { status: 'pass', resource, reason: `${object.kind} is in namespace ${namespace}` };
      });
  },
};
