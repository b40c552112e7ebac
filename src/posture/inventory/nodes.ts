import { InputError } from '../../core/errors.js';
import { isRecord } from '../../core/is-record.js';
import { parseCpuMillicores } from '../kube/quantity.js';
import type { KubeObject } from '../snapshot/types.js';
import { nodeGroupingOf, type NodeGrouping } from './node-group.js';

/**
 * A node as the inventory and metering need it: its name, its CPUs, what it runs on, and the
 * node group, capacity type and zone its labels name (`node-group.ts`).
 */
export interface ClusterNode extends NodeGrouping {
  name: string;
  /** `status.capacity.cpu` in millicores; absent when missing or not a quantity (`problem`). */
  cpuMillicores?: number;
  /** Why `cpuMillicores` is absent, for the run's notes. */
  problem?: string;
  /** `status.nodeInfo`: `amd64`, `linux`, `Amazon Linux 2023…`, `v1.30.4-eks-…`. */
  architecture?: string;
  operatingSystem?: string;
  osImage?: string;
  kubeletVersion?: string;
  /** The `node.kubernetes.io/instance-type` label (`m5.large`), when the cloud sets it. */
  instanceType?: string;
}

const instanceTypeLabel = 'node.kubernetes.io/instance-type';

function text(value: unknown, max = 256): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined;
}

/** A Node object, as the API server lists it, → what the inventory keeps of it. */
export function nodeOf(object: KubeObject): ClusterNode {
  const status = isRecord(object['status']) ? object['status'] : {};
  const capacity = isRecord(status['capacity']) ? status['capacity'] : {};
  const info = isRecord(status['nodeInfo']) ? status['nodeInfo'] : {};
  const node: ClusterNode = { name: object.metadata.name };
  const cpu = capacity['cpu'];
  if (typeof cpu !== 'string') {
    node.problem = `node ${node.name}: no status.capacity.cpu; its CPUs are not counted`;
  } else {
    try {
      node.cpuMillicores = parseCpuMillicores(cpu);
    } catch (error) {
      if (!(error instanceof InputError)) {
        throw error;
      }
      node.problem = `node ${node.name}: status.capacity.cpu ${error.message}; its CPUs are not counted`;
    }
  }
  const optional: [keyof ClusterNode, string | undefined][] = [
    ['architecture', text(info['architecture'])],
    ['operatingSystem', text(info['operatingSystem'])],
    ['osImage', text(info['osImage'])],
    ['kubeletVersion', text(info['kubeletVersion'])],
    ['instanceType', text(object.metadata.labels?.[instanceTypeLabel])],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) {
      Object.assign(node, { [key]: value });
    }
  }
  return { ...node, ...nodeGroupingOf(object.metadata.labels) };
}
