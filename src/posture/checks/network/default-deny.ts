import type { Check } from '../../check/types.js';
import { describeNamespace, isDefaultDeny, perNamespace } from './namespaces.js';

/**
 * The namespace has a policy that denies one direction by default: `podSelector: {}`, the
 * direction in its policy types, and no rules for it. Shared by the ingress and egress checks.
 */
export function defaultDenyCheck(direction: 'Ingress' | 'Egress'): Check {
  const lower = direction.toLowerCase();
  return {
    id: `network-default-deny-${lower}`,
    title: `Every namespace should deny ${lower} by default`,
    severity: direction === 'Ingress' ? 'medium' : 'low',
    controls: [],
    remediation: `Add a NetworkPolicy with podSelector: {}, policyTypes: [${direction}] and no ${lower} rules to every namespace, then allow the ${lower} traffic each workload needs${direction === 'Egress' ? ' (DNS included)' : ''}.`,
    run: (snapshot) =>
      perNamespace(snapshot, (group) => {
        const deny = group.policies.filter((policy) => isDefaultDeny(policy, direction));
        if (deny.length > 0) {
          return {
            status: 'pass',
            reason: `NetworkPolicy ${deny.map(({ name }) => name).join(', ')} denies all ${lower} in ${describeNamespace(group)}`,
          };
        }
        const others = group.policies.map(({ name }) => name);
        return {
          status: 'fail',
          reason: `no NetworkPolicy in ${describeNamespace(group)} selects every pod with ${direction} in its policy types and no ${lower} rules${others.length > 0 ? ` (policies there: ${others.join(', ')})` : ''}`,
        };
      }),
  };
}
