import type { Check } from '../../check/types.js';
import { describeNamespace, perNamespace } from './namespaces.js';

/**
 * Every namespace holds at least one NetworkPolicy, whatever it says (CIS 4.3.2). Judged for
 * each Namespace object, and for each namespace only the workloads reveal.
 */
export const check: Check = {
  id: 'network-namespace-policies',
  title: 'Every namespace should have a NetworkPolicy',
  severity: 'medium',
  controls: [{ framework: 'cis-eks-1.8.0', id: '4.3.2' }],
  remediation:
    'Add NetworkPolicies to every namespace: start with a default deny and allow the traffic each workload needs (DNS included).',
  run: (snapshot) =>
    perNamespace(snapshot, (group) =>
      group.policies.length > 0
        ? {
            status: 'pass',
            reason: `NetworkPolicies in ${describeNamespace(group)}: ${group.policies.map(({ name }) => name).join(', ')}`,
          }
        : { status: 'fail', reason: `no NetworkPolicy in ${describeNamespace(group)}` }
    ),
};
