import { posix } from 'node:path';
import { isRecord } from '../../core/is-record.js';
import { containersOf } from '../audit/fields.js';

/**
 * Which node paths a pod must not mount, and how a hostPath is compared with them.
 *
 * A path is sensitive when it is one of the paths below, lies under one, or lies above one
 * (mounting `/var` hands over `/var/lib/kubelet` too, and `/` hands over everything). The list
 * is the nodes' keys and control points: the proc filesystem, configuration and credentials
 * (`/etc`, which holds `/etc/kubernetes`; root's and the admin user's homes), the kubelet's
 * state (its PKI, every pod's volumes and service-account tokens), and the container runtimes'
 * sockets, through which a container starts other containers on the node. `/var/run` is a
 * symlink to `/run` on every current distribution, so both spellings are listed.
 *
 * `/var/log` is sensitive only when a container mounts it writable: log shippers mount it
 * read-only everywhere, while write access lets a pod plant a symlink the kubelet follows when it
 * serves logs, which reads any file on the node.
 */
const sensitivePaths: readonly string[] = [
  '/proc',
  '/etc',
  '/root',
  '/home/admin',
  '/var/lib/kubelet',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio',
  '/run/crio',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/run/k3s/containerd',
];

const writableOnlyPaths: readonly string[] = ['/var/log'];

/** `/var/log/../etc/` → `/etc`: the path the node resolves (lexically; symlinks are unseen). */
export function normaliseHostPath(path: string): string {
  const normalised = posix.normalize(`/${path.trim()}`);
  return normalised.length > 1 ? normalised.replace(/\/+$/, '') : normalised;
}

function isUnder(path: string, prefix: string): boolean {
  return prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);
}

/** The sensitive path `path` exposes (itself, one it lies under, or one under it), if any. */
function exposedBy(path: string, list: readonly string[]): string | undefined {
  return list.find((sensitive) => isUnder(path, sensitive) || isUnder(sensitive, path));
}

export interface SensitiveMount {
  volume: string;
  /** Normalised. */
  hostPath: string;
  /** The listed path it exposes: `/var/lib/kubelet` for a hostPath of `/var`. */
  sensitive: string;
  /** `container app`, … : who mounts it; empty when no container does yet. */
  mountedBy: string[];
}

const maxVolumes = 256;

interface MountUse {
  label: string;
  readOnly: boolean;
}

/** Who mounts each volume, and whether read-only. */
function mountsByVolume(spec: Record<string, unknown>): Map<string, MountUse[]> {
  const uses = new Map<string, MountUse[]>();
  for (const container of containersOf(spec)) {
    const mounts = container.raw['volumeMounts'];
    if (!Array.isArray(mounts)) {
      continue;
    }
    for (const mount of mounts.slice(0, maxVolumes)) {
      if (!isRecord(mount) || typeof mount['name'] !== 'string') {
        continue;
      }
      const list = uses.get(mount['name']) ?? [];
      list.push({ label: container.label, readOnly: mount['readOnly'] === true });
      uses.set(mount['name'], list);
    }
  }
  return uses;
}

/** The hostPath path of a volume (or of a PersistentVolume's spec: `hostPath` or `local`). */
export function hostPathOf(source: Record<string, unknown>): string | undefined {
  for (const field of ['hostPath', 'local']) {
    const volume = source[field];
    if (isRecord(volume) && typeof volume['path'] === 'string' && volume['path'].trim() !== '') {
      return volume['path'];
    }
  }
  return undefined;
}

/**
 * Judge one host path; `writable` says whether anything may write through it (a volume that no
 * container mounts yet may still be mounted writable by an ephemeral container later).
 */
export function sensitiveHostPath(path: string, writable: boolean): string | undefined {
  const normalised = normaliseHostPath(path);
  return (
    exposedBy(normalised, sensitivePaths) ??
    (writable ? exposedBy(normalised, writableOnlyPaths) : undefined)
  );
}

/** Every hostPath volume of a pod spec that exposes a sensitive node path. */
export function sensitiveMountsOf(spec: Record<string, unknown>): SensitiveMount[] {
  const volumes = spec['volumes'];
  if (!Array.isArray(volumes)) {
    return [];
  }
  const uses = mountsByVolume(spec);
  const found: SensitiveMount[] = [];
  for (const volume of volumes.slice(0, maxVolumes)) {
    if (!isRecord(volume) || !isRecord(volume['hostPath'])) {
      continue;
    }
    const path = hostPathOf({ hostPath: volume['hostPath'] });
    const name = typeof volume['name'] === 'string' ? volume['name'] : '(unnamed)';
    if (path === undefined) {
      continue;
    }
    const mounts = uses.get(name) ?? [];
    const writable = mounts.length === 0 || mounts.some((use) => !use.readOnly);
    const sensitive = sensitiveHostPath(path, writable);
    if (sensitive !== undefined) {
      found.push({
        volume: name,
        hostPath: normaliseHostPath(path),
        sensitive,
        mountedBy: mounts.map((use) => use.label),
      });
    }
  }
  return found;
}
