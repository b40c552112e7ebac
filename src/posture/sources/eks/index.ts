import { open } from 'node:fs/promises';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { snapshotOf } from '../../snapshot/build.js';
import type { EksSnapshot } from '../../snapshot/eks.js';
import type { Snapshot } from '../../snapshot/types.js';
import { addonOf, clusterOf, nodegroupOf, repositoriesOf } from './parse.js';

export { addonOf, clusterOf, nodegroupOf, repositoriesOf } from './parse.js';

export interface EksFiles {
  /** `aws eks describe-cluster` output. */
  cluster: string;
  /** `aws eks describe-nodegroup` outputs, one file per node group. */
  nodegroups?: readonly string[];
  /** `aws eks describe-addon` outputs, one file per add-on. */
  addons?: readonly string[];
  /** `aws ecr describe-repositories` outputs. */
  ecrRepositories?: readonly string[];
}

export interface EksReadOptions {
  /** Largest file read; a larger one is an error. */
  maxFileBytes?: number;
}

const defaultMaxFileBytes = 8 * 1024 * 1024;

/**
 * A snapshot of an EKS cluster's AWS-side configuration from the JSON files the AWS CLI prints.
 * Node groups, add-ons and repositories are optional: a kind not given stays absent from the
 * snapshot (the checks that need it answer `manual`), a kind given is the full list. A node group
 * or add-on of another cluster is an error, since its verdicts would be about the wrong cluster.
 */
export async function readEks(files: EksFiles, options: EksReadOptions = {}): Promise<Snapshot> {
  const max = options.maxFileBytes ?? defaultMaxFileBytes;
  const cluster = clusterOf(await readJson(files.cluster, max), files.cluster);
  const eks: EksSnapshot = { name: cluster.name, cluster };
  if (files.nodegroups !== undefined && files.nodegroups.length > 0) {
    eks.nodegroups = [];
    for (const file of files.nodegroups) {
      const nodegroup = nodegroupOf(await readJson(file, max), file);
      sameCluster(
        nodegroup.clusterName,
        cluster.name,
        file,
        `node group ${nodegroup.nodegroupName}`
      );
      eks.nodegroups.push(nodegroup);
    }
  }
  if (files.addons !== undefined && files.addons.length > 0) {
    eks.addons = [];
    for (const file of files.addons) {
      const addon = addonOf(await readJson(file, max), file);
      sameCluster(addon.clusterName, cluster.name, file, `add-on ${addon.addonName}`);
      eks.addons.push(addon);
    }
  }
  if (files.ecrRepositories !== undefined && files.ecrRepositories.length > 0) {
    eks.ecrRepositories = [];
    for (const file of files.ecrRepositories) {
      eks.ecrRepositories.push(...repositoriesOf(await readJson(file, max), file));
    }
  }
  const snapshot = snapshotOf(`eks: ${cluster.name} (${files.cluster})`, []);
  snapshot.eks = eks;
  return snapshot;
}

function sameCluster(named: string | undefined, cluster: string, file: string, what: string): void {
  if (named !== undefined && named !== cluster) {
    throw new InputError(`${file}: ${what} belongs to cluster ${named}, not ${cluster}`);
  }
}

async function readJson(file: string, max: number): Promise<unknown> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) {
      throw new NotFoundError(`no such file: ${file}`, { cause: error });
    }
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let text: string;
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new InputError(`${file} is not a regular file`);
    }
    if (info.size > max) {
      throw new InputError(`${file} is larger than ${max} bytes`);
    }
    // Read at most one byte past the cap, in case the file grows between stat and read.
    const buffer = Buffer.alloc(Math.min(info.size, max) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) {
        break;
      }
      filled += bytesRead;
    }
    if (filled > max) {
      throw new InputError(`${file} is larger than ${max} bytes`);
    }
    text = buffer.subarray(0, filled).toString('utf8');
  } finally {
    await handle.close();
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${file} is not valid JSON`, { cause: error });
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}
