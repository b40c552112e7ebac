import type { AuditRule } from '../rule/types.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, didVerb } from '../rule/access-request.js';
import {
  describeRole,
  highPrivilegeGrants,
  listPhrases,
  roleChangeOf,
} from '../rule/access-role-rules.js';

/**
 * A Role or ClusterRole that grants what amounts to control of the cluster or of its
 * credentials. Judged on the rules the body holds; an aggregated ClusterRole's collected rules
 * are judged in the roles that hold them.
 */
export const rule: AuditRule = {
  id: 'high-privilege-role',
  title: 'High-privilege role created or changed',
  description:
    'A Role or ClusterRole was created or changed to grant high privileges: wildcard verbs or ' +
    'resources, escalate, bind or impersonate, reading secrets cluster-wide, nodes/proxy, or ' +
    'exec and attach into pods. Whoever it is bound to can take over workloads or the cluster.',
  severity: 'informational',
  mitre: ['T1098.006'],
  equivalents: {
    defender: 'K8S_HighPrivilegesRole',
    guardduty: ['PrivilegeEscalation:Kubernetes/AnomalousBehavior.RoleCreated'],
  },
  on: { resources: ['clusterroles', 'roles'], verbs: ['create', 'update', 'patch'] },
  evaluate(event) {
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const role = roleChangeOf(event);
    if (role === undefined) {
      return undefined;
    }
    const scope =
      role.namespace !== undefined
        ? { clusterRole: role.kind === 'ClusterRole', namespace: role.namespace }
        : { clusterRole: role.kind === 'ClusterRole' };
    const grants = highPrivilegeGrants(role.rules, scope);
    if (grants.length === 0) {
      return undefined;
    }
    return {
      message:
        `${actorOf(event)} ${didVerb(event)} ${describeRole(role)} granting high privileges: ` +
        `${listPhrases(grants, 5)}.`,
      fields: { role: describeRole(role), grants: listPhrases(grants, 20) },
    };
  },
};
