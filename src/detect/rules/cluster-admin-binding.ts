import type { AuditRule } from '../rule/types.js';
import { bindingOf, describeBinding, describeSubjects } from '../rule/access-bindings.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, didVerb } from '../rule/access-request.js';

/**
 * A RoleBinding or ClusterRoleBinding to the ClusterRole `cluster-admin`. A RoleBinding grants
 * it within its namespace only, but there it is every permission, RBAC included.
 */
export const rule: AuditRule = {
  id: 'cluster-admin-binding',
  title: 'Binding to the cluster-admin role',
  description:
    'A RoleBinding or ClusterRoleBinding was created or updated to grant the cluster-admin ' +
    'ClusterRole, which allows every action on every resource. Attackers bind it to keep full ' +
    'control of a cluster (Microsoft Threat Matrix MS-TA9019, cluster-admin binding).',
  severity: 'informational',
  mitre: ['T1098.006', 'T1078.003', 'MS-TA9019'],
  equivalents: {
    defender: 'K8S_ClusterAdminBinding',
    falco: 'Attach to cluster-admin Role',
  },
  on: {
    resources: ['clusterrolebindings', 'rolebindings'],
    verbs: ['create', 'update', 'patch'],
  },
  evaluate(event) {
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const binding = bindingOf(event);
    if (binding?.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin') {
      return undefined;
    }
    const scope =
      binding.namespace !== undefined
        ? `in namespace ${binding.namespace}`
        : 'across the whole cluster';
    return {
      message:
        `${actorOf(event)} ${didVerb(event)} ${describeBinding(binding)}, granting ` +
        `cluster-admin ${scope} to ${describeSubjects(binding.subjects)}.`,
      fields: {
        binding: describeBinding(binding),
        role: 'ClusterRole cluster-admin',
        subjects: describeSubjects(binding.subjects, 20),
      },
    };
  },
};
