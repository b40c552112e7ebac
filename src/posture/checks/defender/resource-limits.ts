import type { Check } from '../../check/types.js';
import type { Container } from '../../kube/pod-spec.js';
import { judgeContainers, perTemplate } from './templates.js';

/** `0`, `0m`, `0.0Gi`: a quantity of zero, which sets no limit. */
const zeroQuantity = /^\+?0*(\.0*)?[a-zA-Z]*$/;

function limitProblems(container: Container): string[] {
  const limits = container.resources?.limits ?? {};
  return (['cpu', 'memory'] as const).flatMap((resource) => {
    const value = limits[resource];
    if (value === undefined) {
      return [`resources.limits.${resource} is not set`];
    }
    return zeroQuantity.test(String(value).trim())
      ? [`resources.limits.${resource} is ${String(value)} (no limit)`]
      : [];
  });
}

/**
 * Every regular and init container sets a CPU and a memory limit (a zero quantity counts as
 * none). Ephemeral containers are left out: the API forbids resources on them.
 */
export const check: Check = {
  id: 'defender-resource-limits',
  title: 'Container CPU and memory limits should be enforced',
  severity: 'medium',
  controls: [{ framework: 'defender', id: 'container-cpu-and-memory-limits-should-be-enforced' }],
  remediation:
    'Set resources.limits.cpu and resources.limits.memory on every container and init container.',
  run: (snapshot) =>
    perTemplate(
      snapshot,
      judgeContainers({
        lists: ['containers', 'initContainers'],
        problems: limitProblems,
        pass: 'every container and init container sets CPU and memory limits',
      })
    ),
};
