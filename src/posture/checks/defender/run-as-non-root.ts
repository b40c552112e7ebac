import type { Check } from '../../check/types.js';
import type { Container } from '../../kube/pod-spec.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { judgeContainers, perTemplate } from './templates.js';

/**
 * A container's effective settings: its own `securityContext` value, else the pod's. It does
 * not run as root when the effective runAsUser is non-zero, or when runAsUser is unset and the
 * effective runAsNonRoot is true (the kubelet then refuses an image whose user is root).
 */
function rootProblems(container: Container, template: PodTemplate): string[] {
  const pod = template.spec.securityContext;
  const own = container.securityContext;
  const user = own?.runAsUser ?? pod?.runAsUser;
  const userField =
    own?.runAsUser !== undefined
      ? 'securityContext.runAsUser'
      : `${template.path}.securityContext.runAsUser`;
  if (user !== undefined) {
    return user === 0 ? [`${userField} is 0 (root)`] : [];
  }
  const nonRoot = own?.runAsNonRoot ?? pod?.runAsNonRoot;
  if (nonRoot === true) {
    return [];
  }
  return nonRoot === false
    ? [
        `${own?.runAsNonRoot !== undefined ? 'securityContext.runAsNonRoot' : `${template.path}.securityContext.runAsNonRoot`} is false and no non-zero runAsUser is set`,
      ]
    : [
        'neither runAsNonRoot: true nor a non-zero runAsUser is set on the container or the pod (the image decides)',
      ];
}

export const check: Check = {
  id: 'defender-run-as-non-root',
  title: 'Running containers as root user should be avoided',
  severity: 'high',
  controls: [{ framework: 'defender', id: 'running-containers-as-root-user-should-be-avoided' }],
  remediation:
    'Set securityContext.runAsNonRoot: true (pod or container) and a non-zero runAsUser, and build the image with a non-root USER.',
  run: (snapshot) =>
    perTemplate(
      snapshot,
      judgeContainers({
        problems: rootProblems,
        pass: 'every container runs with runAsNonRoot: true or a non-zero runAsUser',
      })
    ),
};
