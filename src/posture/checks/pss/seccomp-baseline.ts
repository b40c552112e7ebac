import type { Check } from '../../check/types.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { namedContainers, podCheck, podField } from './pod-check.js';
import { allowedSeccomp, seccompOffence } from './field-rules.js';

function judge(template: PodTemplate): string[] {
  const violations: string[] = [];
  const podProfile = template.spec.securityContext?.seccompProfile;
  if (podProfile !== undefined && !allowedSeccomp(podProfile)) {
    violations.push(
      seccompOffence(podProfile, podField(template, 'securityContext.seccompProfile'))
    );
  }
  for (const { label, container } of namedContainers(template.spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile !== undefined && !allowedSeccomp(profile)) {
      violations.push(seccompOffence(profile, `${label}: securityContext.seccompProfile`));
    }
  }
  return violations;
}

/**
 * PSA `seccompProfile_baseline` (fields, policy v1.19+): a seccomp profile, where one is set,
 * must be RuntimeDefault or Localhost; Unconfined is forbidden. Unset passes at this level.
 */
export const check: Check = podCheck({
  id: 'pss-seccomp-baseline',
  title: 'Seccomp is not set to Unconfined',
  severity: 'medium',
  level: 'baseline',
  psaId: 'seccompProfile_baseline',
  remediation:
    'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile) instead of Unconfined.',
  passes: 'no seccomp profile is Unconfined (every one set is RuntimeDefault or Localhost)',
  judge,
});
