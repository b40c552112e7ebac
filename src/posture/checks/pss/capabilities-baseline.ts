import type { Check } from '../../check/types.js';
import { namedContainers, podCheck } from './pod-check.js';

/** The capabilities a container runtime grants by default: adding one of these changes nothing. */
export const baselineCapabilities: ReadonlySet<string> = new Set([
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
]);

/** PSA `capabilities_baseline`: adding capabilities beyond the default set must be disallowed. */
export const check: Check = podCheck({
  id: 'pss-capabilities-baseline',
  title: 'Containers add no capability beyond the default set',
  severity: 'high',
  level: 'baseline',
  psaId: 'capabilities_baseline',
  remediation:
    'Remove the extra entries from securityContext.capabilities.add; keep only capabilities of the default runtime set (AUDIT_WRITE, CHOWN, NET_BIND_SERVICE, …) or none.',
  passes: 'no container adds a capability outside the default runtime set',
  judge: (template) =>
    namedContainers(template.spec).flatMap(({ label, container }) => {
      const extra = (container.securityContext?.capabilities?.add ?? []).filter(
        (capability) => !baselineCapabilities.has(capability)
      );
      return extra.length === 0
        ? []
        : [
            `${label}: securityContext.capabilities.add has ${extra.join(', ')} (not in the baseline set)`,
          ];
    }),
});
