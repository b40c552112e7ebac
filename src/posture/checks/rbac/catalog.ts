import type { ControlRef } from '../../check/types.js';
import { anyVerb, type Permission } from './permissions.js';

/**
 * The dangerous permissions the checks ask about (research doc, section 4.1), one list per
 * power, shared by a check and its namespaced sibling.
 */
export const secretsRead: readonly Permission[] = [
  { verbs: ['get', 'list', 'watch'], group: '', resource: 'secrets' },
];

const controllerVerbs = ['create', 'update', 'patch'];

/** Creating a pod, or a controller that creates pods from a template anyone editing it writes. */
export const podCreation: readonly Permission[] = [
  { verbs: ['create'], group: '', resource: 'pods' },
  ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((resource) => ({
    verbs: controllerVerbs,
    group: 'apps',
    resource,
  })),
  ...['jobs', 'cronjobs'].map((resource) => ({ verbs: controllerVerbs, group: 'batch', resource })),
  { verbs: controllerVerbs, group: '', resource: 'replicationcontrollers' },
];

/**
 * Running commands in pods that already exist: exec and attach (`create`, and `get`, which
 * opened a websocket exec before Kubernetes 1.30 asked for `create`), and ephemeral containers.
 */
export const podExec: readonly Permission[] = [
  { verbs: ['create', 'get'], group: '', resource: 'pods/exec' },
  { verbs: ['create', 'get'], group: '', resource: 'pods/attach' },
  { verbs: ['update', 'patch'], group: '', resource: 'pods/ephemeralcontainers' },
];

const rbac = 'rbac.authorization.k8s.io';

/** Granting or widening roles beyond one's own, and acting as someone else. */
export const privilegeEscalation: readonly Permission[] = [
  { verbs: ['bind', 'escalate'], group: rbac, resource: 'roles' },
  { verbs: ['bind', 'escalate'], group: rbac, resource: 'clusterroles', clusterScoped: true },
  { verbs: ['impersonate'], group: '', resource: 'users', clusterScoped: true },
  { verbs: ['impersonate'], group: '', resource: 'groups', clusterScoped: true },
  { verbs: ['impersonate'], group: '', resource: 'serviceaccounts' },
];

export const nodesProxy: readonly Permission[] = [
  { verbs: anyVerb, group: '', resource: 'nodes/proxy', clusterScoped: true },
];

export const persistentVolumeCreation: readonly Permission[] = [
  { verbs: ['create'], group: '', resource: 'persistentvolumes', clusterScoped: true },
];

export const webhookConfiguration: readonly Permission[] = [
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
].map((resource) => ({
  verbs: ['create', 'update', 'patch', 'delete'],
  group: 'admissionregistration.k8s.io',
  resource,
  clusterScoped: true,
}));

export const tokenCreation: readonly Permission[] = [
  { verbs: ['create'], group: '', resource: 'serviceaccounts/token' },
];

/** Approving a CSR takes both: the approval subresource and `approve` on the signer. */
export const csrApproval: readonly Permission[] = [
  {
    verbs: ['update', 'patch'],
    group: 'certificates.k8s.io',
    resource: 'certificatesigningrequests/approval',
    clusterScoped: true,
  },
  { verbs: ['approve'], group: 'certificates.k8s.io', resource: 'signers', clusterScoped: true },
];

/** The EKS `aws-auth` ConfigMap maps IAM principals to users and groups (system:masters too). */
export const awsAuthWrite: readonly Permission[] = [
  {
    verbs: ['update', 'patch'],
    group: '',
    resource: 'configmaps',
    namespace: 'kube-system',
    name: 'aws-auth',
  },
];

/** A CIS Amazon EKS Benchmark v1.8.0 control. */
export function cis(id: string): ControlRef {
  return { framework: 'cis-eks-1.8.0', id };
}
