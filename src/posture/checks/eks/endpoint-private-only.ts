import type { Check } from '../../check/types.js';
import { cis, clusterRef, describeEndpoint, endpointOf } from './eks-view.js';

/** CIS 5.4.2: the private endpoint is on and the public endpoint is off. */
export const check: Check = {
  id: 'eks-endpoint-private-only',
  title: 'The cluster API endpoint should be private, with public access disabled',
  severity: 'medium',
  controls: [cis('5.4.2')],
  remediation:
    'Run aws eks update-cluster-config --resources-vpc-config endpointPrivateAccess=true,endpointPublicAccess=false, and reach the API from inside the VPC (VPN, bastion, peering).',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const endpoint = endpointOf(eks.cluster.resourcesVpcConfig);
    const ok = endpoint.private && !endpoint.public;
    return [
      {
        status: ok ? 'pass' : 'fail',
        resource: clusterRef(eks),
        reason: describeEndpoint(endpoint),
      },
    ];
  },
};
