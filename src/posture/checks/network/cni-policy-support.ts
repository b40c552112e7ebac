import type { Check, CheckResult } from '../../check/types.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { networkView } from './namespaces.js';

/** CNI DaemonSets by name, and what each says about NetworkPolicy enforcement. */
const knownCnis: Readonly<Record<string, string>> = {
  'calico-node': 'Calico enforces NetworkPolicies',
  canal: 'Canal (Calico policy on Flannel) enforces NetworkPolicies',
  cilium: 'Cilium enforces NetworkPolicies',
  'antrea-agent': 'Antrea enforces NetworkPolicies',
  'kube-router': 'kube-router enforces NetworkPolicies',
  'weave-net': 'Weave Net enforces NetworkPolicies',
  'kube-flannel-ds': 'Flannel alone does not enforce NetworkPolicies',
  'kube-flannel': 'Flannel alone does not enforce NetworkPolicies',
};

const policyAgents = ['aws-network-policy-agent', 'aws-eks-nodeagent'];

/** What the aws-node DaemonSet shows about the VPC CNI's network policy agent. */
function vpcCniEvidence(template: PodTemplate): string {
  const agent = template.spec.containers.find(({ name }) => policyAgents.includes(name));
  if (agent === undefined) {
    return 'Amazon VPC CNI without a network policy agent container: NetworkPolicies are not enforced unless another engine runs';
  }
  const args = Array.isArray(agent.args)
    ? agent.args.filter((arg): arg is string => typeof arg === 'string')
    : [];
  const flag = args.find((arg) => arg.startsWith('--enable-network-policy'));
  return `Amazon VPC CNI with the ${agent.name} container, ${flag !== undefined ? `args ${flag}` : '--enable-network-policy not set (off by default)'}; enforcement follows the vpc-cni add-on's enableNetworkPolicy`;
}

/**
 * CIS 4.3.1 is a manual control: whether the CNI enforces NetworkPolicies is a fact about the
 * cluster, not its objects. The check lists the evidence the snapshot holds (known CNI
 * DaemonSets, and for the VPC CNI its policy agent and flag) and never passes.
 */
export const check: Check = {
  id: 'network-cni-policy-support',
  title: 'The CNI plugin should support network policies',
  severity: 'medium',
  controls: [{ framework: 'cis-eks-1.8.0', id: '4.3.1' }],
  remediation:
    'On EKS, set enableNetworkPolicy: "true" in the vpc-cni add-on configuration, or run a policy engine such as Calico or Cilium.',
  run: (snapshot) => {
    // A node's or an EKS cluster's configuration holds no Kubernetes objects to look in.
    if (snapshot.objects.length === 0) {
      return [];
    }
    const found = networkView(snapshot).templates.filter(
      (template) =>
        template.owner.kind === 'DaemonSet' &&
        (template.ref.name === 'aws-node' || Object.hasOwn(knownCnis, template.ref.name))
    );
    if (found.length === 0) {
      return [
        {
          status: 'manual',
          resource: { kind: 'Cluster', name: snapshot.source },
          reason: `no known CNI DaemonSet (aws-node, ${Object.keys(knownCnis).join(', ')}) in the snapshot; check which CNI the cluster runs and whether it enforces NetworkPolicies`,
        },
      ];
    }
    return found.map((template): CheckResult => ({
      status: 'manual',
      resource: template.ref,
      reason:
        template.ref.name === 'aws-node'
          ? vpcCniEvidence(template)
          : (knownCnis[template.ref.name] ?? template.ref.name),
    }));
  },
};
