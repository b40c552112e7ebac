import type { Check } from '../../check/types.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { namedContainers, podCheck, podField, userNamespaceExemption } from './pod-check.js';

function judge(template: PodTemplate): string[] {
  const podValue = template.spec.securityContext?.runAsNonRoot;
  const violations =
    podValue === false ? [`${podField(template, 'securityContext.runAsNonRoot')} is false`] : [];
  for (const { label, container } of namedContainers(template.spec)) {
    const value = container.securityContext?.runAsNonRoot;
    if (value === false) {
      violations.push(`${label}: securityContext.runAsNonRoot is false`);
    } else if (value === undefined && podValue !== true) {
      violations.push(
        `${label}: securityContext.runAsNonRoot is unset and the pod does not set it to true`
      );
    }
  }
  return violations;
}

/**
 * PSA `runAsNonRoot`: containers must be required to run as non-root, by the pod-level
 * setting or their own; a container may not set it to false. Relaxed for pods with
 * `hostUsers: false` (policy v1.35+), whose root is not the node's root.
 */
export const check: Check = podCheck({
  id: 'pss-run-as-non-root',
  title: 'Containers must run as non-root',
  severity: 'medium',
  level: 'restricted',
  psaId: 'runAsNonRoot',
  remediation:
    'Set securityContext.runAsNonRoot: true on the pod (and remove any container-level runAsNonRoot: false); build the image to run as a non-zero UID.',
  passes: 'runAsNonRoot is true for every container (from the pod or the container)',
  exempts: userNamespaceExemption,
  judge,
});
