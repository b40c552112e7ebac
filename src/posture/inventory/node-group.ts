/**
 * Which group of nodes a Node belongs to and how it is paid for, read from the labels the
 * provisioner sets. The first label present wins, in the order below: a Karpenter node in an
 * eksctl cluster carries both, and the node pool is what made it.
 */
export interface NodeGrouping {
  /** The EKS managed node group, eksctl node group, Karpenter node pool or Fargate profile. */
  nodeGroup?: string;
  /** `on-demand`, `spot`, `fargate`, or the label's value as written when it is another. */
  capacityType?: string;
  /** `topology.kubernetes.io/zone` (`eu-west-1a`). */
  zone?: string;
}

const groupLabels = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'alpha.eksctl.io/nodegroup-name',
  'eks.amazonaws.com/fargate-profile',
] as const;

const capacityLabels = ['eks.amazonaws.com/capacityType', 'karpenter.sh/capacity-type'] as const;

/** EKS writes `ON_DEMAND` and `SPOT`, Karpenter `on-demand` and `spot`: one spelling. */
const capacitySpelling: Readonly<Record<string, string>> = {
  ON_DEMAND: 'on-demand',
  SPOT: 'spot',
  CAPACITY_BLOCK: 'capacity-block',
  'on-demand': 'on-demand',
  spot: 'spot',
  reserved: 'reserved',
};

function label(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  const value = labels[key];
  return typeof value === 'string' && value !== '' ? value.slice(0, 256) : undefined;
}

export function nodeGroupingOf(labels: Readonly<Record<string, string>> = {}): NodeGrouping {
  const grouping: NodeGrouping = {};
  const group = groupLabels.map((key) => label(labels, key)).find((value) => value !== undefined);
  if (group !== undefined) {
    grouping.nodeGroup = group;
  }
  if (label(labels, 'eks.amazonaws.com/compute-type') === 'fargate') {
    grouping.capacityType = 'fargate';
  } else {
    const capacity = capacityLabels
      .map((key) => label(labels, key))
      .find((value) => value !== undefined);
    if (capacity !== undefined) {
      grouping.capacityType = capacitySpelling[capacity] ?? capacity;
    }
  }
  const zone = label(labels, 'topology.kubernetes.io/zone');
  if (zone !== undefined) {
    grouping.zone = zone;
  }
  return grouping;
}
