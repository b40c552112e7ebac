/**
 * What a worker node says about its kubelet: filled by `sources/node`, read by `checks/node`.
 * Paths are as the node sees them (`/etc/kubernetes/kubelet/kubeconfig`), not under the root.
 */
export interface NodeSnapshot {
  /** The root the files were read under (`/` on a node, `/host` in a pod). */
  root: string;
  /** The node's name from `<root>/etc/hostname`, when that file holds one. */
  hostname?: string;
  /** The kubelet's systemd unit and drop-ins that were read, in the order systemd applies them. */
  units: string[];
  /** The kubelet's command-line flags, in command-line order (a later one wins). */
  flags: KubeletFlag[];
  /** The kubelet config file (`--config`, else the first known path found); absent if none. */
  configFile?: NodeFile;
  /** How the config file was chosen: `flag --config (in <unit>)`, or the paths probed. */
  configFileFrom?: string;
  /** Drop-ins of `--config-dir` (AL2023: `<config>.d/*.conf`), in the order they merge. */
  configDropIns: NodeFile[];
  /**
   * The config file then each drop-in, as parsed; a later layer wins field by field. Absent when
   * the config file was not found or could not be read (`configProblem` says why).
   */
  config?: KubeletConfigLayer[];
  configProblem?: string;
  /** The kubelet's kubeconfig (`--kubeconfig`, else the first known path found). */
  kubeconfig?: NodeFile;
  kubeconfigFrom?: string;
}

/** One flag: `--anonymous-auth=false` is `{ name: 'anonymous-auth', value: 'false' }`. */
export interface KubeletFlag {
  name: string;
  /** Absent for a bare flag (`--rotate-certificates`), which a boolean flag reads as true. */
  value?: string;
  /** The unit, drop-in or environment file the flag was written in. */
  origin: string;
}

/** A file the benchmark asks about, found (with its lstat) or not (with why). */
export type NodeFile = FoundNodeFile | MissingNodeFile;

export interface FoundNodeFile {
  path: string;
  found: true;
  type: 'file' | 'directory' | 'other';
  /** Permission bits, setuid/setgid/sticky included (`0o644`). */
  mode: number;
  uid: number;
  gid: number;
  /** The symbolic links followed to reach it, each `link -> target`; empty when none. */
  via: string[];
}

export interface MissingNodeFile {
  path: string;
  found: false;
  /** `does not exist`, `symbolic link … points outside the root`, … */
  problem: string;
}

export interface KubeletConfigLayer {
  /** The file this layer came from. */
  file: string;
  config: KubeletConfig;
}

/** The KubeletConfiguration fields the CIS checks read, as the file typed them. */
export interface KubeletConfig {
  authentication?: {
    anonymous?: { enabled?: boolean };
    x509?: { clientCAFile?: string };
  };
  authorization?: { mode?: string };
  readOnlyPort?: number;
  streamingConnectionIdleTimeout?: string;
  makeIPTablesUtilChains?: boolean;
  eventRecordQPS?: number;
  rotateCertificates?: boolean;
  featureGates?: Record<string, boolean>;
}
