import type { Check } from '../../check/types.js';
import { namedContainers, podCheck, windowsExemption } from './pod-check.js';

/**
 * PSA `allowPrivilegeEscalation`: every container must set allowPrivilegeEscalation to false
 * (unset means the kernel lets setuid binaries gain privileges). Windows pods are exempt
 * (policy v1.25+).
 */
export const check: Check = podCheck({
  id: 'pss-allow-privilege-escalation',
  title: 'Containers set allowPrivilegeEscalation to false',
  severity: 'medium',
  level: 'restricted',
  psaId: 'allowPrivilegeEscalation',
  cis: ['4.2.5'],
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  passes: 'every container sets securityContext.allowPrivilegeEscalation to false',
  exempts: windowsExemption,
  judge: (template) =>
    namedContainers(template.spec).flatMap(({ label, container }) => {
      const value = container.securityContext?.allowPrivilegeEscalation;
      if (value === false) {
        return [];
      }
      return [
        value === undefined
          ? `${label}: securityContext.allowPrivilegeEscalation is unset (must be false)`
          : `${label}: securityContext.allowPrivilegeEscalation is true`,
      ];
    }),
});
