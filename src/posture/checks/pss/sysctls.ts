import type { Check } from '../../check/types.js';
import { podCheck, podField } from './pod-check.js';

/**
 * The sysctls the latest policy version treats as safe (namespaced and isolated per pod):
 * the v1.0 set, then ip_local_reserved_ports (v1.27), the TCP keepalive and fin timeout
 * settings (v1.29), tcp_rmem and tcp_wmem (v1.32), tcp_slow_start_after_idle and
 * tcp_notsent_lowat (v1.37).
 */
export const safeSysctls: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/** PSA `sysctls`: only the safe subset of sysctls may be set on the pod. */
export const check: Check = podCheck({
  id: 'pss-sysctls',
  title: 'Pods set only safe sysctls',
  severity: 'medium',
  level: 'baseline',
  psaId: 'sysctls',
  remediation:
    'Remove the unsafe entries from securityContext.sysctls; tune node-wide kernel settings on the node, not from a pod.',
  passes: 'every sysctl set (if any) is in the safe set',
  judge: (template) => {
    const unsafe = (template.spec.securityContext?.sysctls ?? [])
      .map((sysctl) => sysctl.name)
      .filter((name) => !safeSysctls.has(name));
    return unsafe.length === 0
      ? []
      : [
          `${podField(template, 'securityContext.sysctls')} has ${unsafe.join(', ')} (not in the safe set)`,
        ];
  },
});
