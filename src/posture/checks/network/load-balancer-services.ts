import type { Check, CheckResult } from '../../check/types.js';
import { parseSpec, ServiceSpec } from '../../kube/network-objects.js';
import { refOf } from '../../snapshot/types.js';
import {
  describePorts,
  describeTargets,
  loadBalancerScheme,
  selectedTemplates,
} from './exposure.js';
import { networkView } from './namespaces.js';

/**
 * One result per Service. A LoadBalancer Service fails unless its load balancer is internal
 * (see `loadBalancerScheme`); the reason names the workloads its selector reaches, its ports and
 * any `loadBalancerSourceRanges` (noted, not trusted: the data cannot tell who owns a range).
 * Other Service types pass.
 */
export const check: Check = {
  id: 'network-load-balancer-services',
  title: 'LoadBalancer Services should not expose workloads to the internet',
  severity: 'high',
  controls: [],
  remediation:
    'Make the load balancer internal (service.beta.kubernetes.io/aws-load-balancer-scheme: internal) or put the workload behind an Ingress with TLS and authentication; restrict loadBalancerSourceRanges.',
  run: (snapshot) => {
    const { templatesByNamespace } = networkView(snapshot);
    return snapshot.objects
      .filter((object) => object.kind === 'Service')
      .map((service): CheckResult => {
        const resource = refOf(snapshot, service);
        const parsed = parseSpec(ServiceSpec, service);
        if (!parsed.ok) {
          return { status: 'manual', resource, reason: parsed.problem };
        }
        const spec = parsed.spec;
        const type = spec.type ?? 'ClusterIP';
        if (type !== 'LoadBalancer') {
          return { status: 'pass', resource, reason: `type ${type}: no load balancer` };
        }
        const scheme = loadBalancerScheme(service.metadata.annotations ?? {}, spec);
        const targets = describeTargets(
          spec,
          selectedTemplates(service, spec, templatesByNamespace)
        );
        const ranges = spec.loadBalancerSourceRanges ?? [];
        const details = [
          `ports ${describePorts(spec, false)}`,
          targets,
          ...(ranges.length > 0 ? [`loadBalancerSourceRanges ${ranges.join(', ')}`] : []),
        ].join('; ');
        return scheme.internal
          ? {
              status: 'pass',
              resource,
              reason: `internal load balancer (${scheme.why}), reachable from the VPC only; ${details}`,
            }
          : {
              status: 'fail',
              resource,
              reason: `internet-facing load balancer (${scheme.why}); ${details}`,
            };
      });
  },
};
