import type { AuditRule } from '../rule/types.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, didVerb } from '../rule/access-request.js';

const kinds: Readonly<Record<string, string>> = {
  clusterroles: 'ClusterRole',
  roles: 'Role',
  clusterrolebindings: 'ClusterRoleBinding',
  rolebindings: 'RoleBinding',
};

/**
 * A change to a `system:` role or binding: the API server's bootstrap policy (and add-ons' that
 * follow the convention), which the components depend on. The API server reconciles its own on
 * start, as a system component, and is left out with the other platform identities.
 */
export const rule: AuditRule = {
  id: 'system-role-modified',
  title: 'System role or binding modified or deleted',
  description:
    'A ClusterRole, Role or binding whose name starts with system: was updated, patched or ' +
    'deleted by an identity that is not a Kubernetes or EKS component. Widening a built-in ' +
    'role hides new permissions among trusted ones; deleting one can break components.',
  severity: 'medium',
  mitre: ['T1098.006'],
  equivalents: { falco: 'System ClusterRole Modified/Deleted' },
  on: {
    resources: ['clusterroles', 'roles', 'clusterrolebindings', 'rolebindings'],
    verbs: ['update', 'patch', 'delete'],
  },
  evaluate(event) {
    const ref = event.objectRef;
    const name = ref?.name;
    const kind = ref?.resource !== undefined ? kinds[ref.resource] : undefined;
    if (kind === undefined || name?.startsWith('system:') !== true) {
      return undefined;
    }
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const target = ref?.namespace ? `${ref.namespace}/${name}` : name;
    return {
      message: `${actorOf(event)} ${didVerb(event)} ${kind} ${target}, part of the system RBAC policy.`,
      fields: { object: `${kind} ${target}`, verb: event.verb },
    };
  },
};
