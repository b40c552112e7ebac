import type { Container } from '../../kube/pod-spec.js';

/** `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` name one capability: `SYS_ADMIN`. */
export function capabilityName(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice('CAP_'.length) : upper;
}

export function addedCapabilities(container: Container): string[] {
  return (container.securityContext?.capabilities?.add ?? []).map(capabilityName);
}

export function droppedCapabilities(container: Container): string[] {
  return (container.securityContext?.capabilities?.drop ?? []).map(capabilityName);
}

/**
 * The capabilities container runtimes (containerd, CRI-O, Docker) grant by default, which the
 * Pod Security Standards baseline also allows to be added.
 */
export const runtimeDefaultCapabilities: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];
