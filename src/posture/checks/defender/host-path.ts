import { posix } from 'node:path';
import type { Check } from '../../check/types.js';
import type { Volume } from '../../kube/pod-spec.js';
import { allContainers, type PodTemplate } from '../../kube/workloads.js';
import { containerLabel, perTemplate, type Verdict } from './templates.js';

export interface AllowedHostPath {
  /** A directory on the node; the volume's path must be it or sit under it. */
  pathPrefix: string;
  /** When true, every container must mount the volume with `readOnly: true`. */
  readOnly: boolean;
}

export interface HostPathOptions {
  /** Default: none, so every hostPath volume fails. */
  allowed?: readonly AllowedHostPath[];
}

/** `/var/log/../etc/` → `/etc`: the path the node will open. */
function normalisePath(path: string): string {
  const normalised = posix.normalize(`/${path.trim()}`);
  return normalised.length > 1 ? normalised.replace(/\/+$/, '') : normalised;
}

function isUnder(path: string, prefix: string): boolean {
  return prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);
}

/** The containers that mount `volume` without `readOnly: true`. */
function writableMounts(template: PodTemplate, volume: string): string[] {
  return allContainers(template.spec).flatMap(({ container, list }) =>
    (container.volumeMounts ?? [])
      .filter((mount) => mount.name === volume && mount.readOnly !== true)
      .map(
        (mount) =>
          `${containerLabel(list, container.name)} mounts it writable at ${mount.mountPath}`
      )
  );
}

function judgeVolume(
  template: PodTemplate,
  volume: Volume & { hostPath: { path: string } },
  allowed: readonly AllowedHostPath[]
): { ok: boolean; text: string } {
  const path = normalisePath(volume.hostPath.path);
  const head = `volume ${volume.name}: hostPath ${volume.hostPath.path}`;
  const entries = allowed.filter((entry) => isUnder(path, normalisePath(entry.pathPrefix)));
  if (entries.length === 0) {
    return { ok: false, text: `${head} is not under an allowed path` };
  }
  // A writable entry admits writable mounts; otherwise every mount must be read-only.
  if (entries.some((entry) => !entry.readOnly)) {
    return { ok: true, text: `${head} is under an allowed path` };
  }
  const writable = writableMounts(template, volume.name);
  return writable.length > 0
    ? { ok: false, text: `${head} is allowed read-only, but ${writable.join(', ')}` }
    : { ok: true, text: `${head} is under an allowed path and mounted read-only` };
}

function judge(template: PodTemplate, allowed: readonly AllowedHostPath[]): Verdict {
  const volumes = (template.spec.volumes ?? []).filter(
    (volume): volume is Volume & { hostPath: { path: string } } => volume.hostPath !== undefined
  );
  if (volumes.length === 0) {
    return { status: 'pass', reason: 'no hostPath volumes' };
  }
  const judged = volumes.map((volume) => judgeVolume(template, volume, allowed));
  const failed = judged.filter(({ ok }) => !ok);
  return failed.length > 0
    ? { status: 'fail', reason: failed.map(({ text }) => text).join('; ') }
    : { status: 'pass', reason: judged.map(({ text }) => text).join('; ') };
}

/**
 * Every hostPath volume sits under a configured path (after `..` and trailing slashes are
 * resolved), and is mounted read-only by every container when that entry says `readOnly`.
 * With no list configured, any hostPath volume fails.
 */
export function hostPathCheck(options: HostPathOptions = {}): Check {
  const allowed = [...(options.allowed ?? [])];
  return {
    id: 'defender-host-path',
    title: 'Usage of pod HostPath volume mounts should be restricted to a known list',
    severity: 'medium',
    controls: [
      {
        framework: 'defender',
        id: 'usage-of-pod-hostpath-volume-mounts-should-be-restricted-to-a-known-list',
      },
    ],
    remediation:
      'Replace hostPath volumes with emptyDir, ConfigMap or persistent volumes; where the node path is needed, mount it read-only and add it to the allowed list.',
    run: (snapshot) => perTemplate(snapshot, (template) => judge(template, allowed)),
  };
}

export const check: Check = hostPathCheck();
