import type { SecurityContext } from '../../kube/pod-spec.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { namedContainers, show } from './pod-check.js';

/**
 * Field rules that more than one check of the family applies: the baseline and restricted
 * procMount checks, and the baseline and restricted seccomp checks.
 */

/** Containers whose `securityContext.procMount` is set to anything but `Default`. */
export function unmaskedProcMounts(template: PodTemplate): string[] {
  return namedContainers(template.spec).flatMap(({ label, container }) => {
    const procMount = container.securityContext?.procMount;
    return procMount === undefined || procMount === 'Default'
      ? []
      : [`${label}: securityContext.procMount is ${show(procMount)}`];
  });
}

type SeccompProfile = NonNullable<SecurityContext['seccompProfile']>;

/** The seccomp profile types both levels allow. */
export function allowedSeccomp(profile: SeccompProfile): boolean {
  return profile.type === 'RuntimeDefault' || profile.type === 'Localhost';
}

/** `…seccompProfile.type is Unconfined` (or `is unset` for a profile without a type). */
export function seccompOffence(profile: SeccompProfile, where: string): string {
  return `${where}.type is ${profile.type === undefined ? 'unset' : show(profile.type)}`;
}
