import type { Check } from '../../check/types.js';
import { podCheck } from './pod-check.js';
import { unmaskedProcMounts } from './field-rules.js';

/** PSA `procMount_restricted` (policy v1.35+): the default /proc masks, with no relaxation. */
export const check: Check = podCheck({
  id: 'pss-proc-mount-restricted',
  title: 'Containers keep the default /proc masks, even in a user namespace',
  severity: 'medium',
  level: 'restricted',
  psaId: 'procMount_restricted',
  remediation: 'Remove securityContext.procMount (or set it to Default).',
  passes: 'no container sets securityContext.procMount to anything but Default',
  judge: unmaskedProcMounts,
});
