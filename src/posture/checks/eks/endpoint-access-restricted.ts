import type { Check } from '../../check/types.js';
import { cis, clusterRef, describeEndpoint, endpointOf, list } from './eks-view.js';

/**
 * CIS 5.4.1: the private endpoint is on, and the public endpoint is off or limited to known
 * CIDRs (not `0.0.0.0/0`, which AWS sets when no CIDRs are given).
 */
export const check: Check = {
  id: 'eks-endpoint-access-restricted',
  title: 'Access to the cluster API endpoint should be restricted',
  severity: 'high',
  controls: [cis('5.4.1')],
  remediation:
    'Run aws eks update-cluster-config --resources-vpc-config endpointPrivateAccess=true,publicAccessCidrs=<your CIDRs> (or endpointPublicAccess=false).',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const endpoint = endpointOf(eks.cluster.resourcesVpcConfig);
    const problems: string[] = [];
    if (!endpoint.private) {
      problems.push('the private endpoint is off');
    }
    if (endpoint.openCidrs.length > 0) {
      problems.push(`the public endpoint is open to ${list(endpoint.openCidrs)}`);
    }
    if (endpoint.public && endpoint.publicCidrs.length === 0) {
      problems.push('the public endpoint lists no CIDRs');
    }
    return [
      {
        status: problems.length === 0 ? 'pass' : 'fail',
        resource: clusterRef(eks),
        reason:
          problems.length === 0
            ? describeEndpoint(endpoint)
            : `${problems.join('; ')}: ${describeEndpoint(endpoint)}`,
      },
    ];
  },
};
