import type { AuditRule } from '../rule/types.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, didVerb } from '../rule/access-request.js';
import {
  describeRole,
  listPhrases,
  roleChangeOf,
  wildcardGrants,
} from '../rule/access-role-rules.js';

/**
 * `*` in a rule's verbs or resources. Exactly `*`: `*\/scale` names one subresource of every
 * resource, as autoscalers need, and is not a wildcard over powers.
 */
export const rule: AuditRule = {
  id: 'wildcard-role',
  title: 'Role with wildcard verbs or resources',
  description:
    'A Role or ClusterRole was created or changed with `*` in the verbs or resources of a ' +
    'rule. A wildcard grants every present and future resource or verb, including ones added ' +
    'by CRDs later, and is rarely what least privilege needs (CIS EKS 4.1.3).',
  severity: 'medium',
  mitre: ['T1098.006'],
  equivalents: { falco: 'ClusterRole With Wildcard Created' },
  on: { resources: ['clusterroles', 'roles'], verbs: ['create', 'update', 'patch'] },
  evaluate(event) {
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const role = roleChangeOf(event);
    const wildcards = role !== undefined ? wildcardGrants(role.rules) : [];
    if (role === undefined || wildcards.length === 0) {
      return undefined;
    }
    return {
      message:
        `${actorOf(event)} ${didVerb(event)} ${describeRole(role)} with wildcards: ` +
        `${listPhrases(wildcards, 5)}.`,
      fields: { role: describeRole(role), wildcards: listPhrases(wildcards, 20) },
    };
  },
};
