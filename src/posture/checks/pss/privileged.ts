import type { Check } from '../../check/types.js';
import { namedContainers, podCheck } from './pod-check.js';

/** PSA `privileged`: privileged containers disable most isolation and must be disallowed. */
export const check: Check = podCheck({
  id: 'pss-privileged',
  title: 'Containers are not privileged',
  severity: 'high',
  level: 'baseline',
  psaId: 'privileged',
  cis: ['4.2.1'],
  remediation:
    'Remove securityContext.privileged (or set it to false); grant the single capability the container needs instead.',
  passes: 'no container sets securityContext.privileged to true',
  judge: (template) =>
    namedContainers(template.spec)
      .filter(({ container }) => container.securityContext?.privileged === true)
      .map(({ label }) => `${label}: securityContext.privileged is true`),
});
