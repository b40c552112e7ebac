import type { Check, CheckResult } from '../../check/types.js';
import { parseSpec, ServiceSpec } from '../../kube/network-objects.js';
import { refOf } from '../../snapshot/types.js';
import { describePorts, describeTargets, selectedTemplates } from './exposure.js';
import { networkView } from './namespaces.js';

/**
 * One result per Service that is not a LoadBalancer (those are judged by
 * `network-load-balancer-services`): a NodePort Service fails, naming its node ports and the
 * workloads its selector reaches; ClusterIP, headless and ExternalName Services pass.
 */
export const check: Check = {
  id: 'network-node-port-services',
  title: 'NodePort Services should not expose workloads on every node',
  severity: 'medium',
  controls: [],
  remediation:
    'Use a ClusterIP Service behind an Ingress or an internal load balancer instead of NodePort, and keep the node security groups closed to the NodePort range.',
  run: (snapshot) => {
    const { templatesByNamespace } = networkView(snapshot);
    return snapshot.objects
      .filter((object) => object.kind === 'Service')
      .flatMap((service): CheckResult[] => {
        const resource = refOf(snapshot, service);
        const parsed = parseSpec(ServiceSpec, service);
        if (!parsed.ok) {
          return [{ status: 'manual', resource, reason: parsed.problem }];
        }
        const spec = parsed.spec;
        const type = spec.type ?? 'ClusterIP';
        if (type === 'LoadBalancer') {
          return [];
        }
        if (type !== 'NodePort') {
          return [{ status: 'pass', resource, reason: `type ${type}: no node port` }];
        }
        const targets = describeTargets(
          spec,
          selectedTemplates(service, spec, templatesByNamespace)
        );
        return [
          {
            status: 'fail',
            resource,
            reason: `type NodePort: ports ${describePorts(spec, true)} open on every node; ${targets}`,
          },
        ];
      });
  },
};
