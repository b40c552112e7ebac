import { describe, expect, it } from 'vitest';
import { podSpec, snapshot, workload } from '../../../../test/harness/kube-objects.js';
import { check } from './cni-policy-support.js';

const awsNode = (agent?: { name: string; args?: unknown }) =>
  workload(
    'DaemonSet',
    'aws-node',
    {
      containers: [
        { name: 'aws-node', image: 'amazon-k8s-cni:v1.19' },
        ...(agent !== undefined ? [{ image: 'aws-network-policy-agent:v1.2', ...agent }] : []),
      ],
    },
    'kube-system'
  );

describe('network-cni-policy-support', () => {
  it('maps to CIS 4.3.1 and never passes', () => {
    expect(check.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '4.3.1' }]);
  });

  it('lists the VPC CNI policy agent and its flag as evidence', () => {
    const results = check.run(
      snapshot(
        awsNode({
          name: 'aws-network-policy-agent',
          args: ['--enable-ipv6=false', '--enable-network-policy=true'],
        })
      )
    );
    expect(results).toEqual([
      {
        status: 'manual',
        resource: {
          kind: 'DaemonSet',
          name: 'aws-node',
          namespace: 'kube-system',
          apiVersion: 'apps/v1',
        },
        reason:
          "Amazon VPC CNI with the aws-network-policy-agent container, args --enable-network-policy=true; enforcement follows the vpc-cni add-on's enableNetworkPolicy",
      },
    ]);
  });

  it('says when the agent has no flag, or when there is no agent', () => {
    const withoutFlag = check.run(snapshot(awsNode({ name: 'aws-eks-nodeagent', args: 'odd' })));
    const withoutAgent = check.run(snapshot(awsNode()));
    expect(withoutFlag[0]?.reason).toContain('--enable-network-policy not set (off by default)');
    expect(withoutAgent[0]).toMatchObject({
      status: 'manual',
      reason:
        'Amazon VPC CNI without a network policy agent container: NetworkPolicies are not enforced unless another engine runs',
    });
  });

  it('names other CNIs by their DaemonSet and ignores unrelated ones', () => {
    const results = check.run(
      snapshot(
        workload('DaemonSet', 'calico-node', podSpec(), 'calico-system'),
        workload('DaemonSet', 'kube-flannel-ds', podSpec(), 'kube-flannel'),
        workload('DaemonSet', 'fluent-bit', podSpec(), 'logging'),
        workload('Deployment', 'cilium', podSpec(), 'kube-system')
      )
    );
    expect(results.map(({ status, resource, reason }) => [status, resource.name, reason])).toEqual([
      ['manual', 'calico-node', 'Calico enforces NetworkPolicies'],
      ['manual', 'kube-flannel-ds', 'Flannel alone does not enforce NetworkPolicies'],
    ]);
  });

  it('says nothing about a snapshot with no Kubernetes objects (a node or an EKS configuration)', () => {
    expect(check.run(snapshot())).toEqual([]);
  });

  it('reports one manual result on the cluster when no CNI is in the snapshot', () => {
    const results = check.run(snapshot(workload('Deployment', 'web', podSpec(), 'shop')));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'manual',
      resource: { kind: 'Cluster', name: 'test' },
    });
    expect(results[0]?.reason).toMatch(/^no known CNI DaemonSet \(aws-node, calico-node/);
  });
});
