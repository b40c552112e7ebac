import { chmod, chown, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Lays out a worker node's file system under a temporary directory, for the node source's
 * tests. Paths are as the node sees them (`/etc/kubernetes/kubelet/kubeconfig`). Files get mode
 * 0644 unless told (set with chmod, so the umask does not matter); `uid`/`gid` are applied with
 * chown, which only works when the tests run as root: owner tests compare to `process.getuid()`.
 */
export type NodeEntry =
  | string
  | { text: string; mode?: number; uid?: number; gid?: number }
  | { symlink: string }
  | { directory: true };

export type NodeLayout = Record<string, NodeEntry | undefined>;

export interface NodeRoot {
  /** The directory to pass as `--root`. */
  root: string;
  /** The temporary directory holding the root (and anything laid out beside it). */
  parent: string;
  remove: () => Promise<void>;
}

/** Writes the layout under `<tmp>/root`; an `undefined` entry is left out (to drop a default). */
export async function nodeRoot(layout: NodeLayout): Promise<NodeRoot> {
  const parent = await mkdtemp(join(tmpdir(), 'palisade-node-'));
  const root = join(parent, 'root');
  await mkdir(root);
  for (const [path, entry] of Object.entries(layout)) {
    if (entry === undefined) {
      continue;
    }
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof entry === 'string') {
      await writeFile(target, entry);
      await chmod(target, 0o644);
    } else if ('symlink' in entry) {
      await symlink(entry.symlink, target);
    } else if ('directory' in entry) {
      await mkdir(target, { recursive: true });
    } else {
      await writeFile(target, entry.text);
      await chmod(target, entry.mode ?? 0o644);
      if (entry.uid !== undefined || entry.gid !== undefined) {
        await chown(
          target,
          entry.uid ?? process.getuid?.() ?? 0,
          entry.gid ?? process.getgid?.() ?? 0
        );
      }
    }
  }
  return { root, parent, remove: () => rm(parent, { recursive: true, force: true }) };
}

/** Whether the tests can give files another owner (they run as root). */
export const canChown = process.getuid?.() === 0;

export const hostname = 'ip-10-0-1-23.ec2.internal';

const kubeconfig = `apiVersion: v1
kind: Config
clusters:
  - name: kubernetes
    cluster: { certificate-authority: /etc/kubernetes/pki/ca.crt, server: https://example.eks.amazonaws.com }
contexts:
  - name: kubelet
    context: { cluster: kubernetes, user: kubelet }
current-context: kubelet
users:
  - name: kubelet
    user: { exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws } }
`;

/** A compliant KubeletConfiguration, as EKS AMIs write it; `extra` is merged on top. */
export function kubeletConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'KubeletConfiguration',
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    address: '0.0.0.0',
    authentication: {
      anonymous: { enabled: false },
      webhook: { cacheTTL: '2m0s', enabled: true },
      x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
    },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s' } },
    clusterDomain: 'cluster.local',
    readOnlyPort: 0,
    featureGates: { RotateKubeletServerCertificate: true },
    serverTLSBootstrap: true,
    ...extra,
  };
}

/** EKS-optimized Amazon Linux 2: kubelet-config.json, KUBELET_ARGS in a drop-in. */
export function al2Layout(overrides: NodeLayout = {}): NodeLayout {
  return {
    '/etc/hostname': `${hostname}\n`,
    '/etc/systemd/system/kubelet.service': `[Unit]
Description=Kubernetes Kubelet
After=containerd.service

[Service]
ExecStartPre=/sbin/iptables -P FORWARD ACCEPT -w 5
ExecStart=/usr/bin/kubelet \\
    --config /etc/kubernetes/kubelet/kubelet-config.json \\
    --kubeconfig /var/lib/kubelet/kubeconfig \\
    --container-runtime-endpoint unix:///run/containerd/containerd.sock \\
    $KUBELET_ARGS \\
    $KUBELET_EXTRA_ARGS

Restart=on-failure

[Install]
WantedBy=multi-user.target
`,
    '/etc/systemd/system/kubelet.service.d/10-kubelet-args.conf': `[Service]
Environment='KUBELET_ARGS=--node-ip=10.0.1.23 --pod-infra-container-image=602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause:3.5 --v=2'
`,
    '/etc/kubernetes/kubelet/kubelet-config.json': JSON.stringify(kubeletConfig(), null, 2),
    '/var/lib/kubelet/kubeconfig': kubeconfig,
    ...overrides,
  };
}

/** Amazon Linux 2023 (nodeadm): flags in an environment file, config.json plus drop-ins. */
export function al2023Layout(overrides: NodeLayout = {}): NodeLayout {
  const base = kubeletConfig();
  delete base.readOnlyPort;
  return {
    '/etc/hostname': `${hostname}\n`,
    '/etc/systemd/system/kubelet.service': `[Unit]
Description=Kubernetes Kubelet

[Service]
Slice=runtime.slice
EnvironmentFile=/etc/eks/kubelet/environment
ExecStartPre=/sbin/iptables -P FORWARD ACCEPT -w 5
ExecStart=/usr/bin/kubelet $NODEADM_KUBELET_ARGS
Restart=on-failure
`,
    '/etc/eks/kubelet/environment': `NODEADM_KUBELET_ARGS="--node-ip=10.0.1.23 --hostname-override=${hostname} --config=/etc/kubernetes/kubelet/config.json --config-dir=/etc/kubernetes/kubelet/config.json.d --kubeconfig=/var/lib/kubelet/kubeconfig --v=2"\n`,
    '/etc/kubernetes/kubelet/config.json': JSON.stringify(base, null, 2),
    '/etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf': JSON.stringify({
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      readOnlyPort: 0,
      maxPods: 29,
    }),
    '/var/lib/kubelet/kubeconfig': kubeconfig,
    ...overrides,
  };
}

/** Bottlerocket: the unit under its sys-root, a YAML config at /etc/kubernetes/kubelet/config. */
export function bottlerocketLayout(overrides: NodeLayout = {}): NodeLayout {
  return {
    '/x86_64-bottlerocket-linux-gnu/sys-root/usr/lib/systemd/system/kubelet.service': `[Unit]
Description=Kubelet

[Service]
Type=notify
EnvironmentFile=/etc/network/proxy.env
EnvironmentFile=-/etc/kubernetes/kubelet/env
ExecStart=/usr/bin/kubelet \\
    --cloud-provider external \\
    --kubeconfig /etc/kubernetes/kubelet/kubeconfig \\
    --config /etc/kubernetes/kubelet/config \\
    --container-runtime-endpoint=unix:///run/containerd/containerd.sock \\
    --node-ip \${NODE_IP} \\
    --node-labels "\${NODE_LABELS}" \\
    $KUBELET_EXTRA_ARGS
`,
    '/etc/network/proxy.env': 'NO_PROXY=localhost\n',
    '/etc/kubernetes/kubelet/env': 'NODE_IP=10.0.1.23\nNODE_LABELS=\n',
    '/etc/kubernetes/kubelet/config': `---
kind: KubeletConfiguration
apiVersion: kubelet.config.k8s.io/v1beta1
address: 0.0.0.0
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 2m0s
    enabled: true
  x509:
    clientCAFile: "/etc/kubernetes/pki/ca.crt"
authorization:
  mode: Webhook
readOnlyPort: 0
serverTLSBootstrap: true
featureGates:
  RotateKubeletServerCertificate: true
`,
    '/etc/kubernetes/kubelet/kubeconfig': { text: kubeconfig, mode: 0o600 },
    ...overrides,
  };
}
