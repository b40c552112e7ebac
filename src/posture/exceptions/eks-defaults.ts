import type { Exception } from './types.js';

/**
 * The parts of every EKS cluster that AWS runs and the user cannot harden: the VPC CNI, kube-proxy,
 * CoreDNS, the EBS CSI driver, metrics-server and EKS's own identities. They are exempted by
 * default, visibly (reported as `exempted`, with this reason), and `--no-default-exceptions`
 * turns the list off. Names follow the EKS add-ons as installed.
 */
const reason =
  'EKS system component, installed and managed by AWS (built-in exception; --no-default-exceptions turns it off)';
const origin = 'built-in: eks';

export const eksDefaultExceptions: readonly Exception[] = [
  {
    namespaces: ['kube-system'],
    kinds: ['DaemonSet'],
    names: [
      'aws-node',
      'kube-proxy',
      'ebs-csi-node',
      'ebs-csi-node-windows',
      'eks-pod-identity-agent',
    ],
    reason,
    origin,
  },
  {
    namespaces: ['kube-system'],
    kinds: ['Deployment', 'ReplicaSet'],
    names: [
      'coredns',
      'coredns-*',
      'ebs-csi-controller',
      'ebs-csi-controller-*',
      'metrics-server',
      'metrics-server-*',
    ],
    reason,
    origin,
  },
  {
    namespaces: ['kube-system'],
    kinds: ['Pod'],
    names: [
      'aws-node-*',
      'kube-proxy-*',
      'coredns-*',
      'ebs-csi-*',
      'metrics-server-*',
      'eks-pod-identity-agent-*',
    ],
    reason,
    origin,
  },
  {
    namespaces: ['kube-system'],
    kinds: ['ServiceAccount'],
    names: [
      'aws-node',
      'kube-proxy',
      'coredns',
      'ebs-csi-controller-sa',
      'ebs-csi-node-sa',
      'metrics-server',
      'eks-vpc-resource-controller',
      'vpc-resource-controller',
      'aws-cloud-provider',
      'tagging-controller',
    ],
    reason,
    origin,
  },
  {
    kinds: ['User'],
    names: ['eks:*'],
    reason,
    origin,
  },
  {
    kinds: ['Group'],
    names: ['system:masters', 'eks:*'],
    reason,
    origin,
  },
  {
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    names: ['eks:*', 'system:*'],
    reason:
      'Kubernetes or EKS system role (built-in exception; --no-default-exceptions turns it off)',
    origin,
  },
];
