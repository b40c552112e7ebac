import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
  type Configuration,
} from '@kubernetes/client-node';

/** One page request: `limit` always, `continue` from the second page on. */
export interface PageParams {
  limit: number;
  _continue?: string;
}

/** A kind the cluster source lists, cluster-wide, through the client's typed API. */
export interface KindSpec {
  kind: string;
  apiVersion: string;
  /** The plural resource name of RBAC rules and URLs, used in notes (`cannot list secrets`). */
  resource: string;
  /** One page of the cluster-wide list; the raw JSON is taken from the response, not this value. */
  list(config: Configuration, page: PageParams): Promise<unknown>;
}

function kind(
  kindName: string,
  apiVersion: string,
  resource: string,
  list: KindSpec['list']
): KindSpec {
  return { kind: kindName, apiVersion, resource, list };
}

/**
 * Every kind read, in the order they are listed and put into the snapshot: the small kinds that
 * most checks need first (namespaces, RBAC, policies, webhooks), the big ones last (pods,
 * configmaps, secrets, replicasets), so an object cap cuts the least useful part.
 */
export const clusterKinds: readonly KindSpec[] = [
  kind('Namespace', 'v1', 'namespaces', (c, p) => new CoreV1Api(c).listNamespace(p)),
  kind('ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', (c, p) =>
    new RbacAuthorizationV1Api(c).listClusterRole(p)
  ),
  kind('ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', (c, p) =>
    new RbacAuthorizationV1Api(c).listClusterRoleBinding(p)
  ),
  kind('Role', 'rbac.authorization.k8s.io/v1', 'roles', (c, p) =>
    new RbacAuthorizationV1Api(c).listRoleForAllNamespaces(p)
  ),
  kind('RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings', (c, p) =>
    new RbacAuthorizationV1Api(c).listRoleBindingForAllNamespaces(p)
  ),
  kind('ServiceAccount', 'v1', 'serviceaccounts', (c, p) =>
    new CoreV1Api(c).listServiceAccountForAllNamespaces(p)
  ),
  kind('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', (c, p) =>
    new NetworkingV1Api(c).listNetworkPolicyForAllNamespaces(p)
  ),
  kind(
    'ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1',
    'validatingwebhookconfigurations',
    (c, p) => new AdmissionregistrationV1Api(c).listValidatingWebhookConfiguration(p)
  ),
  kind(
    'MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1',
    'mutatingwebhookconfigurations',
    (c, p) => new AdmissionregistrationV1Api(c).listMutatingWebhookConfiguration(p)
  ),
  kind('Service', 'v1', 'services', (c, p) => new CoreV1Api(c).listServiceForAllNamespaces(p)),
  kind('Ingress', 'networking.k8s.io/v1', 'ingresses', (c, p) =>
    new NetworkingV1Api(c).listIngressForAllNamespaces(p)
  ),
  kind('Deployment', 'apps/v1', 'deployments', (c, p) =>
    new AppsV1Api(c).listDeploymentForAllNamespaces(p)
  ),
  kind('StatefulSet', 'apps/v1', 'statefulsets', (c, p) =>
    new AppsV1Api(c).listStatefulSetForAllNamespaces(p)
  ),
  kind('DaemonSet', 'apps/v1', 'daemonsets', (c, p) =>
    new AppsV1Api(c).listDaemonSetForAllNamespaces(p)
  ),
  kind('CronJob', 'batch/v1', 'cronjobs', (c, p) =>
    new BatchV1Api(c).listCronJobForAllNamespaces(p)
  ),
  kind('Job', 'batch/v1', 'jobs', (c, p) => new BatchV1Api(c).listJobForAllNamespaces(p)),
  kind('ReplicationController', 'v1', 'replicationcontrollers', (c, p) =>
    new CoreV1Api(c).listReplicationControllerForAllNamespaces(p)
  ),
  kind('Pod', 'v1', 'pods', (c, p) => new CoreV1Api(c).listPodForAllNamespaces(p)),
  kind('ConfigMap', 'v1', 'configmaps', (c, p) =>
    new CoreV1Api(c).listConfigMapForAllNamespaces(p)
  ),
  kind('Secret', 'v1', 'secrets', (c, p) => new CoreV1Api(c).listSecretForAllNamespaces(p)),
  kind('ReplicaSet', 'apps/v1', 'replicasets', (c, p) =>
    new AppsV1Api(c).listReplicaSetForAllNamespaces(p)
  ),
];

/**
 * Nodes, for the inventory and metering beside a snapshot (`readClusterWithNodes`); no check
 * reads them, so they are not in `clusterKinds`.
 */
export const nodeKind: KindSpec = kind('Node', 'v1', 'nodes', (c, p) =>
  new CoreV1Api(c).listNode(p)
);

/**
 * `kube-system/aws-auth` by itself: asked for when ConfigMaps cannot be listed, since a
 * least-privilege role may grant `get` on that one ConfigMap (`resourceNames: [aws-auth]`).
 */
export function readAwsAuth(config: Configuration): Promise<unknown> {
  return new CoreV1Api(config).readNamespacedConfigMap({
    name: 'aws-auth',
    namespace: 'kube-system',
  });
}
