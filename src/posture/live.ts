import type { ClusterRead, ReadClusterOptions } from './sources/cluster/index.js';
import type { Snapshot } from './snapshot/types.js';

/**
 * The live-cluster source through the engine's public face, loaded on first use: the
 * Kubernetes client is a large module that the commands reading files never need.
 */
export async function readCluster(options: ReadClusterOptions = {}): Promise<Snapshot> {
  const source = await import('./sources/cluster/index.js');
  return await source.readCluster(options);
}

export async function readClusterWithNodes(options: ReadClusterOptions = {}): Promise<ClusterRead> {
  const source = await import('./sources/cluster/index.js');
  return await source.readClusterWithNodes(options);
}
