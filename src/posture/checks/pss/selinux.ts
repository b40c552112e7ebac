import type { Check } from '../../check/types.js';
import type { SecurityContext } from '../../kube/pod-spec.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { namedContainers, podCheck, podField, show } from './pod-check.js';

/** SELinux types a container may ask for; `container_engine_t` from policy v1.31. */
export const allowedSeLinuxTypes: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

type SeLinuxOptions = NonNullable<SecurityContext['seLinuxOptions']>;

/** What is wrong with one seLinuxOptions, each phrase prefixed by where it sits. */
function offences(options: SeLinuxOptions | undefined, where: string): string[] {
  if (options === undefined) {
    return [];
  }
  const found: string[] = [];
  if (options.type !== undefined && !allowedSeLinuxTypes.has(options.type)) {
    found.push(`${where}.type is ${show(options.type)}`);
  }
  for (const field of ['user', 'role'] as const) {
    const value = options[field];
    if (value !== undefined && value !== '') {
      found.push(`${where}.${field} is ${show(value)}`);
    }
  }
  return found;
}

function judge(template: PodTemplate): string[] {
  return [
    ...offences(
      template.spec.securityContext?.seLinuxOptions,
      podField(template, 'securityContext.seLinuxOptions')
    ),
    ...namedContainers(template.spec).flatMap(({ label, container }) =>
      offences(
        container.securityContext?.seLinuxOptions,
        `${label}: securityContext.seLinuxOptions`
      )
    ),
  ];
}

/**
 * PSA `seLinuxOptions`: the SELinux type may only be one of the container types, and a
 * custom SELinux user or role must not be set (on the pod or any container).
 */
export const check: Check = podCheck({
  id: 'pss-selinux',
  title: 'SELinux options keep a container type and no custom user or role',
  severity: 'medium',
  level: 'baseline',
  psaId: 'seLinuxOptions',
  remediation:
    'Remove seLinuxOptions.user and .role, and leave seLinuxOptions.type unset or use container_t, container_init_t, container_kvm_t or container_engine_t.',
  passes: 'no seLinuxOptions sets a user, a role or a type outside the container types',
  judge,
});
