import type { Check } from '../../check/types.js';
import type { EksCluster } from '../../snapshot/eks.js';
import { cis, clusterRef, defender, list } from './eks-view.js';

/** The five control-plane log types CIS 2.1.1 asks for, in the order the API lists them. */
export const requiredLogTypes = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** The log types an entry of `logging.clusterLogging` with `enabled: true` turns on. */
export function enabledLogTypes(cluster: EksCluster): Set<string> {
  const enabled = new Set<string>();
  for (const setup of cluster.logging?.clusterLogging ?? []) {
    if (setup.enabled === true) {
      for (const type of setup.types ?? []) {
        enabled.add(type);
      }
    }
  }
  return enabled;
}

/**
 * CIS 2.1.1: every control-plane log type is sent to CloudWatch Logs. EKS turns them all off
 * by default, so an absent `logging` section fails.
 */
export const check: Check = {
  id: 'eks-audit-logs',
  title: 'Control plane logging should be enabled for all log types',
  severity: 'medium',
  controls: [cis('2.1.1'), defender('diagnostic-logs-in-kubernetes-services-should-be-enabled')],
  remediation:
    'Run aws eks update-cluster-config --logging \'{"clusterLogging":[{"types":["api","audit","authenticator","controllerManager","scheduler"],"enabled":true}]}\'.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const enabled = enabledLogTypes(eks.cluster);
    const missing = requiredLogTypes.filter((type) => !enabled.has(type));
    if (missing.length === 0) {
      return [
        {
          status: 'pass',
          resource: clusterRef(eks),
          reason: `logging.clusterLogging enables ${list(requiredLogTypes)}`,
        },
      ];
    }
    const stated = eks.cluster.logging?.clusterLogging === undefined;
    return [
      {
        status: 'fail',
        resource: clusterRef(eks),
        reason: stated
          ? `logging.clusterLogging is not set (EKS disables every log type by default): ${list(missing)} not enabled`
          : `logging.clusterLogging does not enable ${list(missing)}`,
      },
    ];
  },
};
