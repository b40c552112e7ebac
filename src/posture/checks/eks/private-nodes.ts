import type { Check, CheckResult } from '../../check/types.js';
import type { EksNodegroup } from '../../snapshot/eks.js';
import { cis, clusterRef, nodegroupRef } from './eks-view.js';

/** What the node group says about how its nodes can be reached. */
function evidence(nodegroup: EksNodegroup): string {
  const parts = [`subnets [${(nodegroup.subnets ?? []).join(', ')}]`];
  const remote = nodegroup.remoteAccess;
  if (remote?.ec2SshKey !== undefined) {
    const groups = remote.sourceSecurityGroups ?? [];
    parts.push(
      groups.length > 0
        ? `remoteAccess: SSH key ${remote.ec2SshKey} from security groups [${groups.join(', ')}]`
        : `remoteAccess: SSH key ${remote.ec2SshKey}`
    );
  } else {
    parts.push('no remoteAccess');
  }
  if (nodegroup.launchTemplate !== undefined) {
    const template = nodegroup.launchTemplate;
    parts.push(
      `launch template ${template.name ?? template.id ?? '(unnamed)'}${template.version !== undefined ? ` version ${template.version}` : ''}`
    );
  }
  return parts.join(', ');
}

/**
 * CIS 5.4.3: nodes run in private subnets without public IPs. Whether a subnet assigns public
 * IPs or routes to an internet gateway is in EC2, not in `describe-nodegroup`, so the data can
 * only fail a node group: one whose `remoteAccess` gives an SSH key without source security
 * groups has port 22 open to 0.0.0.0/0 (AWS's documented behaviour). Every other node group is
 * `manual` with its subnets and remote access. No node group data: one `manual` result.
 */
export const check: Check = {
  id: 'eks-private-nodes',
  title: 'Worker nodes should be private',
  severity: 'high',
  controls: [cis('5.4.3')],
  remediation:
    'Run node groups in private subnets (no MapPublicIpOnLaunch, no route to an internet gateway), and reach nodes through SSM Session Manager instead of SSH; if SSH is needed, set remoteAccess.sourceSecurityGroups.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const nodegroups = eks.nodegroups;
    if (nodegroups === undefined || nodegroups.length === 0) {
      return [
        {
          status: 'manual',
          resource: clusterRef(eks),
          reason:
            nodegroups === undefined
              ? 'no node group data was given (aws eks describe-nodegroup); check that the worker nodes run in private subnets without public IPs'
              : 'the cluster has no managed node groups; check that self-managed and Karpenter nodes run in private subnets without public IPs',
        },
      ];
    }
    return nodegroups.map((nodegroup): CheckResult => {
      const key = nodegroup.remoteAccess?.ec2SshKey;
      const groups = nodegroup.remoteAccess?.sourceSecurityGroups ?? [];
      if (key !== undefined && groups.length === 0) {
        return {
          status: 'fail',
          resource: nodegroupRef(nodegroup),
          reason: `remoteAccess gives SSH key ${key} without sourceSecurityGroups, so port 22 on the nodes is open to 0.0.0.0/0: ${evidence(nodegroup)}`,
        };
      }
      return {
        status: 'manual',
        resource: nodegroupRef(nodegroup),
        reason: `${evidence(nodegroup)}; check that these subnets assign no public IPs and have no route to an internet gateway`,
      };
    });
  },
};
