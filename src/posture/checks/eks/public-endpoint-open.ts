import type { Check } from '../../check/types.js';
import { clusterRef, defender, describeEndpoint, endpointOf, list } from './eks-view.js';

/**
 * Exposure: the public API endpoint accepts connections from anywhere (`0.0.0.0/0` in
 * `publicAccessCidrs`, which is what AWS sets when none are given). A public endpoint limited
 * to other CIDRs, or no public endpoint, passes.
 */
export const check: Check = {
  id: 'eks-public-endpoint-open',
  title: 'The cluster API endpoint should not be open to the internet',
  severity: 'high',
  controls: [defender('kubernetes-api-server-should-be-configured-with-restricted-access')],
  remediation:
    'Limit publicAccessCidrs to the networks that need the API (aws eks update-cluster-config --resources-vpc-config publicAccessCidrs=<CIDRs>), or turn the public endpoint off.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const endpoint = endpointOf(eks.cluster.resourcesVpcConfig);
    const open = endpoint.openCidrs.length > 0;
    return [
      {
        status: open ? 'fail' : 'pass',
        resource: clusterRef(eks),
        reason: open
          ? `the public endpoint accepts ${list(endpoint.openCidrs)}: ${describeEndpoint(endpoint)}`
          : describeEndpoint(endpoint),
      },
    ];
  },
};
