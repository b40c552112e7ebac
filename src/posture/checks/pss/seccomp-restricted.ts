import type { Check } from '../../check/types.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { allowedSeccomp, seccompOffence } from './field-rules.js';
import { namedContainers, podCheck, podField, windowsExemption } from './pod-check.js';

function judge(template: PodTemplate): string[] {
  const violations: string[] = [];
  const podProfile = template.spec.securityContext?.seccompProfile;
  const podAllowed = podProfile !== undefined && allowedSeccomp(podProfile);
  if (podProfile !== undefined && !podAllowed) {
    violations.push(
      seccompOffence(podProfile, podField(template, 'securityContext.seccompProfile'))
    );
  }
  for (const { label, container } of namedContainers(template.spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile !== undefined && !allowedSeccomp(profile)) {
      violations.push(seccompOffence(profile, `${label}: securityContext.seccompProfile`));
    } else if (profile === undefined && !podAllowed) {
      violations.push(
        `${label}: securityContext.seccompProfile is unset and the pod sets no RuntimeDefault or Localhost profile`
      );
    }
  }
  return violations;
}

/**
 * PSA `seccompProfile_restricted`: a seccomp profile of type RuntimeDefault or Localhost must
 * be set, on the pod or on every container; a container may not override the pod with
 * another type. Windows pods are exempt (policy v1.25+).
 */
export const check: Check = podCheck({
  id: 'pss-seccomp-restricted',
  title: 'A RuntimeDefault or Localhost seccomp profile is set',
  severity: 'medium',
  level: 'restricted',
  psaId: 'seccompProfile_restricted',
  remediation:
    'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a profile), and remove container-level Unconfined profiles.',
  passes: 'every container runs under a RuntimeDefault or Localhost seccomp profile',
  exempts: windowsExemption,
  judge,
});
