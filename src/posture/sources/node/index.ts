import { stat } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import { NotFoundError } from '../../../core/errors.js';
import type {
  KubeletConfigLayer,
  KubeletFlag,
  NodeFile,
  NodeSnapshot,
} from '../../snapshot/node.js';
import { snapshotOf } from '../../snapshot/build.js';
import type { Snapshot } from '../../snapshot/types.js';
import { parseKubeletConfig } from './config.js';
import { existsInRoot, listNodeDir, readNodeText, statNodeFile } from './files.js';
import { readKubeletCommand } from './systemd.js';

export interface NodeOptions {
  /** Where the node's file system is: `/` on the node, `/host` in a pod that mounts it. */
  root?: string;
}

/**
 * Kubelet config files probed when the unit gives no `--config`, in order: EKS AL2, AL2023,
 * Bottlerocket, kubeadm.
 */
export const configCandidates = [
  '/etc/kubernetes/kubelet/kubelet-config.json',
  '/etc/kubernetes/kubelet/config.json',
  '/etc/kubernetes/kubelet/config',
  '/var/lib/kubelet/config.yaml',
  '/var/lib/kubelet/config.json',
];

/** Kubelet kubeconfigs probed when the unit gives no `--kubeconfig`. */
export const kubeconfigCandidates = [
  '/var/lib/kubelet/kubeconfig',
  '/etc/kubernetes/kubelet/kubeconfig',
  '/etc/kubernetes/kubelet.conf',
];

/**
 * A snapshot of a worker node's kubelet, read from files under `root`: the systemd unit (and
 * drop-ins, environment files) for the flags, the config file and its drop-ins, and the
 * mode and owner of the config file and the kubeconfig. Nothing found is a note, never an
 * error; only a root that is not a directory is.
 */
export async function readNode(options: NodeOptions = {}): Promise<Snapshot> {
  const root = resolve(options.root ?? '/');
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new NotFoundError(`node root ${root} is not a directory`);
  }
  const notes: string[] = [];
  const command = await readKubeletCommand(root);
  notes.push(...command.notes);
  if (command.units.length === 0) {
    notes.push('no kubelet systemd unit found; kubelet flags were not read');
  }
  const node: NodeSnapshot = {
    root,
    units: command.units,
    flags: command.flags,
    configDropIns: [],
  };
  const hostname = await readHostname(root);
  if (hostname !== undefined) {
    node.hostname = hostname;
  }

  const config = await locate(root, command.flags, 'config', configCandidates);
  if (config.file !== undefined) {
    node.configFile = config.file;
  }
  node.configFileFrom = config.from;
  await readConfig(root, node, command.flags, notes);

  const kubeconfig = await locate(root, command.flags, 'kubeconfig', kubeconfigCandidates);
  if (kubeconfig.file !== undefined) {
    node.kubeconfig = kubeconfig.file;
  }
  node.kubeconfigFrom = kubeconfig.from;

  const snapshot = snapshotOf(`node: ${root}`, [], notes);
  snapshot.node = node;
  return snapshot;
}

/** The file a path flag names (relative to `/`, the kubelet's directory), else the first found. */
async function locate(
  root: string,
  flags: readonly KubeletFlag[],
  name: string,
  candidates: readonly string[]
): Promise<{ file?: NodeFile; from: string }> {
  const flag = lastFlag(flags, name);
  if (flag?.value !== undefined && flag.value !== '') {
    const path = posix.resolve('/', flag.value);
    return { file: await statNodeFile(root, path), from: `flag --${name} (in ${flag.origin})` };
  }
  for (const candidate of candidates) {
    if (await existsInRoot(root, candidate)) {
      return { file: await statNodeFile(root, candidate), from: `found at ${candidate}` };
    }
  }
  return { from: `no --${name} flag and none of ${candidates.join(', ')} exists` };
}

/** Parses the config file and its drop-ins into layers, or says why the config is unknown. */
async function readConfig(
  root: string,
  node: NodeSnapshot,
  flags: readonly KubeletFlag[],
  notes: string[]
): Promise<void> {
  const file = node.configFile;
  if (file === undefined) {
    node.configProblem = `kubelet config file not found: ${node.configFileFrom ?? ''}`;
    notes.push(node.configProblem);
    return;
  }
  if (!file.found) {
    node.configProblem = `kubelet config file ${file.path}: ${file.problem}`;
    notes.push(node.configProblem);
    return;
  }
  const layers: KubeletConfigLayer[] = [];
  const problems: string[] = [];
  const main = await readLayer(root, file.path);
  if (main.ok) {
    layers.push(main.layer);
  } else {
    problems.push(main.problem);
  }
  const directory = await dropInDirectory(root, flags, file.path);
  if (directory !== undefined) {
    for (const name of (await listNodeDir(root, directory)) ?? []) {
      if (!name.endsWith('.conf')) {
        continue;
      }
      const path = `${directory}/${name}`;
      node.configDropIns.push(await statNodeFile(root, path));
      const layer = await readLayer(root, path);
      if (layer.ok) {
        layers.push(layer.layer);
      } else {
        problems.push(layer.problem);
      }
    }
  }
  if (problems.length > 0) {
    node.configProblem = problems.join('; ');
    notes.push(node.configProblem);
    return;
  }
  node.config = layers;
}

async function readLayer(
  root: string,
  path: string
): Promise<{ ok: true; layer: KubeletConfigLayer } | { ok: false; problem: string }> {
  const read = await readNodeText(root, path);
  if (!read.ok) {
    return read;
  }
  const parsed = parseKubeletConfig(read.text, path);
  return parsed.ok ? { ok: true, layer: { file: path, config: parsed.config } } : parsed;
}

/** `--config-dir` when given, else `<config>.d` when it exists (the AL2023 layout). */
async function dropInDirectory(
  root: string,
  flags: readonly KubeletFlag[],
  configPath: string
): Promise<string | undefined> {
  const flag = lastFlag(flags, 'config-dir');
  if (flag?.value !== undefined && flag.value !== '') {
    return posix.resolve('/', flag.value);
  }
  const conventional = `${configPath}.d`;
  return (await existsInRoot(root, conventional)) ? conventional : undefined;
}

function lastFlag(flags: readonly KubeletFlag[], name: string): KubeletFlag | undefined {
  return flags.findLast((flag) => flag.name === name);
}

/** The first line of `/etc/hostname`, when it is a plausible host name. */
async function readHostname(root: string): Promise<string | undefined> {
  const read = await readNodeText(root, '/etc/hostname');
  if (!read.ok) {
    return undefined;
  }
  const name = (read.text.split('\n')[0] ?? '').trim();
  return /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(name) ? name : undefined;
}
