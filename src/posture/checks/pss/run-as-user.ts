import type { Check } from '../../check/types.js';
import { namedContainers, podCheck, podField, userNamespaceExemption } from './pod-check.js';

/**
 * PSA `runAsUser` (policy v1.23+): neither the pod nor a container may set runAsUser to 0.
 * Relaxed for pods with `hostUsers: false` (policy v1.35+).
 */
export const check: Check = podCheck({
  id: 'pss-run-as-user',
  title: 'Pods and containers do not set runAsUser to 0',
  severity: 'medium',
  level: 'restricted',
  psaId: 'runAsUser',
  remediation:
    'Set securityContext.runAsUser to a non-zero UID (or remove it and rely on the image user with runAsNonRoot: true).',
  passes: 'no runAsUser is 0 (on the pod or a container)',
  exempts: userNamespaceExemption,
  judge: (template) => [
    ...(template.spec.securityContext?.runAsUser === 0
      ? [`${podField(template, 'securityContext.runAsUser')} is 0`]
      : []),
    ...namedContainers(template.spec)
      .filter(({ container }) => container.securityContext?.runAsUser === 0)
      .map(({ label }) => `${label}: securityContext.runAsUser is 0`),
  ],
});
