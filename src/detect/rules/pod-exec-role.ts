import type { AuditRule } from '../rule/types.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, didVerb } from '../rule/access-request.js';
import {
  describeRole,
  listPhrases,
  podExecGrants,
  roleChangeOf,
} from '../rule/access-role-rules.js';

/** A role that lets its holders run commands in, or attach to, existing pods. */
export const rule: AuditRule = {
  id: 'pod-exec-role',
  title: 'Role granting exec or attach into pods',
  description:
    'A Role or ClusterRole was created or changed to allow pods/exec or pods/attach (create, ' +
    'or get, which opened a WebSocket exec before Kubernetes 1.30). Holders can run commands ' +
    'in any pod the role reaches and read what those pods can: mounted secrets and tokens.',
  severity: 'medium',
  mitre: ['T1098.006'],
  equivalents: { falco: 'ClusterRole With Pod Exec Created' },
  on: { resources: ['clusterroles', 'roles'], verbs: ['create', 'update', 'patch'] },
  evaluate(event) {
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const role = roleChangeOf(event);
    const grants = role !== undefined ? podExecGrants(role.rules) : [];
    if (role === undefined || grants.length === 0) {
      return undefined;
    }
    return {
      message: `${actorOf(event)} ${didVerb(event)} ${describeRole(role)} allowing ${listPhrases(grants, 5)}.`,
      fields: { role: describeRole(role), grants: listPhrases(grants, 20) },
    };
  },
};
