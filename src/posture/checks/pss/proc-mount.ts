import type { Check } from '../../check/types.js';
import { podCheck, userNamespaceExemption } from './pod-check.js';
import { unmaskedProcMounts } from './field-rules.js';

/**
 * PSA `procMount_baseline`: the default /proc masks must stay, unless the pod runs in its own
 * user namespace (`hostUsers: false`, policy v1.35+), where any procMount is allowed.
 */
export const check: Check = podCheck({
  id: 'pss-proc-mount',
  title: 'Containers keep the default /proc masks',
  severity: 'medium',
  level: 'baseline',
  psaId: 'procMount_baseline',
  remediation:
    'Remove securityContext.procMount (or set it to Default); an Unmasked /proc is only acceptable in a pod with hostUsers: false.',
  passes: 'no container sets securityContext.procMount to anything but Default',
  exempts: userNamespaceExemption,
  judge: unmaskedProcMounts,
});
