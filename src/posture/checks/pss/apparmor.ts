import type { Check } from '../../check/types.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { namedContainers, podCheck, podField, show } from './pod-check.js';

/** The annotation prefix of the AppArmor beta API, one key per container. */
const annotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';
const allowedTypes: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function judge(template: PodTemplate): string[] {
  const violations: string[] = [];
  const podProfile = template.spec.securityContext?.appArmorProfile;
  if (podProfile !== undefined && !allowedTypes.has(podProfile.type ?? '')) {
    violations.push(
      `${podField(template, 'securityContext.appArmorProfile.type')} is ${typeText(podProfile.type)}`
    );
  }
  for (const { label, container } of namedContainers(template.spec)) {
    const profile = container.securityContext?.appArmorProfile;
    if (profile !== undefined && !allowedTypes.has(profile.type ?? '')) {
      violations.push(
        `${label}: securityContext.appArmorProfile.type is ${typeText(profile.type)}`
      );
    }
  }
  for (const [key, value] of Object.entries(template.annotations).sort(([a], [b]) =>
    a.localeCompare(b)
  )) {
    if (key.startsWith(annotationPrefix) && !allowedAnnotation(value)) {
      violations.push(`annotation ${key} is ${show(value)}`);
    }
  }
  return violations;
}

function typeText(type: string | undefined): string {
  return type === undefined ? 'unset' : show(type);
}

/**
 * PSA `appArmorProfile`: the runtime's default AppArmor profile must not be overridden or
 * disabled; only RuntimeDefault and Localhost profiles (fields) or `runtime/default` and
 * `localhost/*` (the older annotations) are allowed.
 */
export const check: Check = podCheck({
  id: 'pss-apparmor',
  title: 'AppArmor is not disabled or overridden',
  severity: 'medium',
  level: 'baseline',
  psaId: 'appArmorProfile',
  remediation:
    'Remove Unconfined AppArmor profiles: set securityContext.appArmorProfile.type to RuntimeDefault or Localhost, or drop the field (and the container.apparmor.security.beta.kubernetes.io annotations).',
  passes: 'every AppArmor profile set is RuntimeDefault or Localhost (or none is set)',
  judge,
});
