import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../snapshot/types.js';
import { nodeGroupingOf } from './node-group.js';
import { nodeOf } from './nodes.js';

function node(labels: Record<string, string>, status: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: 'ip-10-0-1-5', labels }, status };
}

describe('nodeOf', () => {
  it('reads CPUs, node info, instance type, node group, capacity type and zone', () => {
    const read = nodeOf(
      node(
        {
          'node.kubernetes.io/instance-type': 'm7g.large',
          'eks.amazonaws.com/nodegroup': 'general',
          'eks.amazonaws.com/capacityType': 'ON_DEMAND',
          'topology.kubernetes.io/zone': 'eu-west-1a',
        },
        {
          capacity: { cpu: '1500m' },
          nodeInfo: {
            architecture: 'arm64',
            operatingSystem: 'linux',
            osImage: 'Amazon Linux 2023',
            kubeletVersion: 'v1.31.4-eks-aeac579',
          },
        }
      )
    );
    expect(read).toEqual({
      name: 'ip-10-0-1-5',
      cpuMillicores: 1500,
      architecture: 'arm64',
      operatingSystem: 'linux',
      osImage: 'Amazon Linux 2023',
      kubeletVersion: 'v1.31.4-eks-aeac579',
      instanceType: 'm7g.large',
      nodeGroup: 'general',
      capacityType: 'on-demand',
      zone: 'eu-west-1a',
    });
  });

  it('says why the CPUs are not counted, and leaves out what no label names', () => {
    expect(nodeOf(node({}, { capacity: { cpu: 'lots' } }))).toEqual({
      name: 'ip-10-0-1-5',
      problem: expect.stringMatching(
        /^node ip-10-0-1-5: status.capacity.cpu .*not counted$/
      ) as unknown,
    });
    expect(nodeOf(node({}))).toEqual({
      name: 'ip-10-0-1-5',
      problem: 'node ip-10-0-1-5: no status.capacity.cpu; its CPUs are not counted',
    });
  });
});

describe('nodeGroupingOf', () => {
  it.each([
    [{ 'alpha.eksctl.io/nodegroup-name': 'ng-1' }, { nodeGroup: 'ng-1' }],
    [
      { 'karpenter.sh/nodepool': 'default', 'karpenter.sh/capacity-type': 'spot' },
      { nodeGroup: 'default', capacityType: 'spot' },
    ],
    [
      // Karpenter in an eksctl cluster: the node pool made the node.
      { 'alpha.eksctl.io/nodegroup-name': 'ng-1', 'karpenter.sh/nodepool': 'batch' },
      { nodeGroup: 'batch' },
    ],
    [
      {
        'eks.amazonaws.com/nodegroup': 'spot-workers',
        'alpha.eksctl.io/nodegroup-name': 'spot-workers',
        'eks.amazonaws.com/capacityType': 'SPOT',
      },
      { nodeGroup: 'spot-workers', capacityType: 'spot' },
    ],
    [
      {
        'eks.amazonaws.com/compute-type': 'fargate',
        'eks.amazonaws.com/fargate-profile': 'fp-default',
        'topology.kubernetes.io/zone': 'eu-west-1b',
      },
      { nodeGroup: 'fp-default', capacityType: 'fargate', zone: 'eu-west-1b' },
    ],
    [{ 'karpenter.sh/capacity-type': 'interruptible' }, { capacityType: 'interruptible' }],
    [{ 'eks.amazonaws.com/nodegroup': '' }, {}],
  ])('%j → %j', (labels, expected) => {
    expect(nodeGroupingOf(labels)).toEqual(expected);
  });

  it('reads nothing from a node without labels', () => {
    expect(nodeGroupingOf()).toEqual({});
  });
});
