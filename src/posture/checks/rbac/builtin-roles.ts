import { rbacGroup, type PolicyRule } from '../../kube/rbac-objects.js';
import type { KubeObject } from '../../snapshot/types.js';

/**
 * The user-facing ClusterRoles every cluster bootstraps (`cluster-admin`, `admin`, `edit`,
 * `view`) and the roles `admin`, `edit` and `view` aggregate, as the API server's bootstrap
 * policy defines them (`system:aggregate-to-view` abridged: it only reads, and no check asks
 * about what it reads). A manifest scan rarely holds them, yet its bindings name them: the
 * resolver uses these when the snapshot has no ClusterRole of that name, and says so. They are
 * never judged themselves (they are not in the snapshot).
 */
const read = ['get', 'list', 'watch'];
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function rule(apiGroups: string[], resources: string[], verbs: string[]): PolicyRule {
  return { apiGroups, resources, verbs };
}

function clusterRole(
  name: string,
  labels: Record<string, string>,
  body: { rules?: PolicyRule[]; aggregateTo?: string }
): KubeObject {
  return {
    apiVersion: `${rbacGroup}/v1`,
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels } },
    ...(body.aggregateTo !== undefined
      ? {
          aggregationRule: {
            clusterRoleSelectors: [
              {
                matchLabels: {
                  [`rbac.authorization.k8s.io/aggregate-to-${body.aggregateTo}`]: 'true',
                },
              },
            ],
          },
        }
      : {}),
    rules: body.rules ?? [],
  };
}

const toAdmin = { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' };
const toEdit = { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' };
const toView = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' };

export const builtinClusterRoles: readonly KubeObject[] = [
  clusterRole('cluster-admin', {}, { rules: [rule(['*'], ['*'], ['*'])] }),
  clusterRole('admin', {}, { aggregateTo: 'admin' }),
  clusterRole('edit', toAdmin, { aggregateTo: 'edit' }),
  clusterRole('view', toEdit, { aggregateTo: 'view' }),
  clusterRole('system:aggregate-to-admin', toAdmin, {
    rules: [
      rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
      rule([rbacGroup], ['rolebindings', 'roles'], [...write, ...read]),
    ],
  }),
  clusterRole('system:aggregate-to-edit', toEdit, {
    rules: [
      rule(
        [''],
        ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'],
        read
      ),
      rule([''], ['serviceaccounts'], ['impersonate']),
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], write),
      rule([''], ['pods/eviction'], ['create']),
      rule(
        [''],
        [
          'configmaps',
          'events',
          'persistentvolumeclaims',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'secrets',
          'serviceaccounts',
          'services',
          'services/proxy',
        ],
        write
      ),
      rule([''], ['serviceaccounts/token'], ['create']),
      rule(
        ['apps'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'replicasets',
          'replicasets/scale',
          'statefulsets',
          'statefulsets/scale',
        ],
        write
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers'], write),
      rule(['batch'], ['cronjobs', 'jobs'], write),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'ingresses',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicationcontrollers/scale',
        ],
        write
      ),
      rule(['policy'], ['poddisruptionbudgets'], write),
      rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], write),
      rule(['coordination.k8s.io'], ['leases'], [...write, ...read]),
    ],
  }),
  clusterRole('system:aggregate-to-view', toView, {
    rules: [
      rule(
        [''],
        [
          'configmaps',
          'endpoints',
          'persistentvolumeclaims',
          'persistentvolumeclaims/status',
          'pods',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/status',
          'bindings',
          'events',
          'limitranges',
          'namespaces',
          'namespaces/status',
          'pods/log',
          'pods/status',
          'replicationcontrollers/status',
          'resourcequotas',
          'resourcequotas/status',
        ],
        read
      ),
      rule(['discovery.k8s.io'], ['endpointslices'], read),
      rule(
        ['apps'],
        [
          'controllerrevisions',
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'statefulsets',
          'statefulsets/scale',
          'statefulsets/status',
        ],
        read
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], read),
      rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], read),
      rule(
        ['extensions', 'networking.k8s.io'],
        ['ingresses', 'ingresses/status', 'networkpolicies'],
        read
      ),
      rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], read),
    ],
  }),
];
