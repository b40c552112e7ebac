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
    namespaces: ['kube-system'],
    kinds: ['ServiceAccount'],
    // The controllers of kube-controller-manager, each bound to its system:controller:* role.
    names: [
      'attachdetach-controller',
      'certificate-controller',
      'clusterrole-aggregation-controller',
      'cronjob-controller',
      'daemon-set-controller',
      'deployment-controller',
      'disruption-controller',
      'endpoint-controller',
      'endpointslice-controller',
      'endpointslicemirroring-controller',
      'ephemeral-volume-controller',
      'expand-controller',
      'generic-garbage-collector',
      'horizontal-pod-autoscaler',
      'job-controller',
      'legacy-service-account-token-cleaner',
      'namespace-controller',
      'node-controller',
      'persistent-volume-binder',
      'pod-garbage-collector',
      'pv-protection-controller',
      'pvc-protection-controller',
      'replicaset-controller',
      'replication-controller',
      'resourcequota-controller',
      'root-ca-cert-publisher',
      'service-account-controller',
      'service-controller',
      'statefulset-controller',
      'ttl-after-finished-controller',
      'ttl-controller',
    ],
    reason:
      'Kubernetes control-plane controller (built-in exception; --no-default-exceptions turns it off)',
    origin,
  },
  {
    // aws-node and kube-proxy need the host network and privileges: kube-system cannot enforce.
    checks: ['admission-pod-security-labels'],
    kinds: ['Namespace'],
    names: ['kube-system'],
    reason,
    origin,
  },
  {
    kinds: ['User'],
    names: [
      'eks:*',
      'system:kube-controller-manager',
      'system:kube-scheduler',
      'system:kube-proxy',
    ],
    reason,
    origin,
  },
  {
    kinds: ['Group'],
    names: ['system:masters', 'system:nodes', 'eks:*'],
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
