import type { Check, CheckResult } from '../../check/types.js';
import { cis, clusterRef, nodegroupRef } from './eks-view.js';

const readOnlyActions = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'ecr:GetAuthorizationToken',
];

/**
 * CIS 5.1.3 is a manual control: the node role's ECR permissions live in IAM, which the
 * snapshot does not hold. One `manual` result per node group given, naming its `nodeRole`,
 * else one for the cluster.
 */
export const check: Check = {
  id: 'eks-ecr-node-read-only',
  title: 'Cluster access to Amazon ECR should be read-only',
  severity: 'medium',
  controls: [cis('5.1.3')],
  remediation:
    'Attach AmazonEC2ContainerRegistryReadOnly (or a policy with only the four pull actions) to the node role, and no ecr: write actions.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const actions = readOnlyActions.join(', ');
    const nodegroups = eks.nodegroups ?? [];
    if (nodegroups.length === 0) {
      return [
        {
          status: 'manual',
          resource: clusterRef(eks),
          reason: `no node group data; check that the node roles allow only ${actions} on ECR`,
        },
      ];
    }
    return nodegroups.map((nodegroup): CheckResult => ({
      status: 'manual',
      resource: nodegroupRef(nodegroup),
      reason: `${nodegroup.nodeRole !== undefined ? `node role ${nodegroup.nodeRole}` : 'nodeRole not stated'}: IAM policies are not in the snapshot; check that it allows only ${actions} on ECR`,
    }));
  },
};
