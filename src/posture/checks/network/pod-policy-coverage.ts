import type { Check } from '../../check/types.js';
import { describeLabels } from './label-selector.js';
import {
  namespaceOf,
  networkView,
  policiesSelecting,
  policyTypes,
  unsetNamespace,
} from './namespaces.js';

/**
 * Every pod template is selected by at least one NetworkPolicy of its namespace (its podSelector
 * matches the template's labels). The reason names the policies and the directions they
 * isolate. A host-network pod is `manual`: most CNIs do not apply policies to it.
 */
export const check: Check = {
  id: 'network-pod-policy-coverage',
  title: 'Every pod should be selected by a NetworkPolicy',
  severity: 'medium',
  controls: [],
  remediation:
    'Add a NetworkPolicy whose podSelector matches the pod (a namespace default deny selects every pod), then allow the traffic it needs.',
  run: (snapshot) => {
    const view = networkView(snapshot);
    return view.templates.map((template) => {
      const selecting = policiesSelecting(view, template);
      const namespace = namespaceOf(template.owner);
      const where = namespace === unsetNamespace ? 'the unset namespace' : `namespace ${namespace}`;
      const coverage =
        selecting.length > 0
          ? `selected by NetworkPolicy ${selecting.map((policy) => `${policy.name} (${policyTypes(policy.spec).join(', ')})`).join(', ')}`
          : `no NetworkPolicy in ${where} selects its labels ${describeLabels(template.labels)}`;
      if (template.spec.hostNetwork === true) {
        return {
          status: 'manual' as const,
          resource: template.ref,
          reason: `${template.path}.hostNetwork is true: most CNIs do not apply NetworkPolicies to host-network pods; ${coverage}`,
        };
      }
      return {
        status: selecting.length > 0 ? ('pass' as const) : ('fail' as const),
        resource: template.ref,
        reason: coverage,
      };
    });
  },
};
