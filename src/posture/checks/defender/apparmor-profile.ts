import type { Check } from '../../check/types.js';
import type { Container } from '../../kube/pod-spec.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { judgeContainers, perTemplate } from './templates.js';

const annotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * The profile that applies to a container, where it was found: the container's
 * `securityContext.appArmorProfile.type`, else the container's annotation, else the pod's
 * `securityContext.appArmorProfile.type` (the precedence the kubelet uses).
 */
function profileOf(
  container: Container,
  template: PodTemplate
): { value: string; field: string; fromAnnotation: boolean } | undefined {
  const own = container.securityContext?.appArmorProfile?.type;
  if (own !== undefined) {
    return { value: own, field: 'securityContext.appArmorProfile.type', fromAnnotation: false };
  }
  const annotation = template.annotations[`${annotationPrefix}${container.name}`];
  if (annotation !== undefined) {
    return {
      value: annotation,
      field: `annotation ${annotationPrefix}${container.name}`,
      fromAnnotation: true,
    };
  }
  const pod = template.spec.securityContext?.appArmorProfile?.type;
  return pod !== undefined
    ? {
        value: pod,
        field: `${template.path}.securityContext.appArmorProfile.type`,
        fromAnnotation: false,
      }
    : undefined;
}

/** Field `RuntimeDefault` or `Localhost`; annotation `runtime/default` or `localhost/<name>`. */
function isAllowed(profile: { value: string; fromAnnotation: boolean }): boolean {
  return profile.fromAnnotation
    ? profile.value === 'runtime/default' || profile.value.startsWith('localhost/')
    : profile.value === 'RuntimeDefault' || profile.value === 'Localhost';
}

/**
 * Every container runs under an AppArmor profile: the runtime's default or a profile loaded on
 * the node. Unset fails (whether the runtime applies its default then depends on the node), and
 * so does `Unconfined`. Windows pods pass: AppArmor does not apply.
 */
export const check: Check = {
  id: 'defender-apparmor-profile',
  title: 'Containers should only use allowed AppArmor profiles',
  severity: 'high',
  controls: [{ framework: 'defender', id: 'containers-should-only-use-allowed-apparmor-profiles' }],
  remediation:
    'Set securityContext.appArmorProfile.type: RuntimeDefault (or Localhost with a profile loaded on the nodes) on the pod or each container.',
  run: (snapshot) =>
    perTemplate(
      snapshot,
      judgeContainers({
        linuxOnly: 'AppArmor',
        problems: (container, template) => {
          const profile = profileOf(container, template);
          if (profile === undefined) {
            return ['no AppArmor profile is set (field or annotation)'];
          }
          return isAllowed(profile) ? [] : [`${profile.field} is ${profile.value}`];
        },
        pass: 'every container runs under the runtime default or a localhost AppArmor profile',
      })
    ),
};
