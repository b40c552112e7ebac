import type { Check } from '../../check/types.js';
import { podTemplates } from '../../kube/workloads.js';
import { cis } from './catalog.js';

/**
 * CIS 4.5.1 is Manual: whether namespaces draw the administrative boundaries a team needs is a
 * design question. The result is `manual` with the evidence: how many namespaces hold workloads,
 * how many workloads sit in `default`, and how much access is granted cluster-wide rather than
 * per namespace.
 */
export const check: Check = {
  id: 'rbac-namespace-boundaries',
  title: 'Namespaces are used as administrative boundaries',
  severity: 'low',
  controls: [cis('4.5.1')],
  remediation:
    'Give each team or application its own namespace, and grant access there with RoleBindings rather than ClusterRoleBindings.',
  run: (snapshot) => {
    if (snapshot.objects.length === 0) {
      return [];
    }
    const templates = podTemplates(snapshot);
    const namespaces = new Set(templates.map((template) => template.ref.namespace ?? ''));
    const inDefault = templates.filter((template) => template.ref.namespace === 'default').length;
    const count = (kind: string) =>
      snapshot.objects.filter((object) => object.kind === kind).length;
    return [
      {
        status: 'manual',
        resource: { kind: 'Cluster', name: snapshot.source },
        reason: `${templates.length} workload(s) in ${namespaces.size} namespace(s), ${inDefault} in default; ${count('RoleBinding')} RoleBinding(s) and ${count('ClusterRoleBinding')} ClusterRoleBinding(s)`,
      },
    ];
  },
};
