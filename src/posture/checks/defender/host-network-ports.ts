import type { Check } from '../../check/types.js';
import { allContainers } from '../../kube/workloads.js';
import { containerLabel, perTemplate } from './templates.js';

/**
 * The pod does not use the node's network: `hostNetwork` is unset or false, and no container
 * declares a non-zero `hostPort`.
 */
export const check: Check = {
  id: 'defender-host-network-ports',
  title: 'Usage of host networking and ports should be restricted',
  severity: 'medium',
  controls: [
    { framework: 'defender', id: 'usage-of-host-networking-and-ports-should-be-restricted' },
  ],
  remediation: 'Remove hostNetwork and hostPort; expose the pod through a Service instead.',
  run: (snapshot) =>
    perTemplate(snapshot, (template) => {
      const problems = [
        ...(template.spec.hostNetwork === true ? [`${template.path}.hostNetwork is true`] : []),
        ...allContainers(template.spec).flatMap(({ container, list }) =>
          (container.ports ?? [])
            .filter((port) => port.hostPort !== undefined && port.hostPort !== 0)
            .map(
              (port) =>
                `${containerLabel(list, container.name)}: ports[].hostPort is ${port.hostPort ?? 0}${port.containerPort !== undefined ? ` (containerPort ${port.containerPort})` : ''}`
            )
        ),
      ];
      return problems.length > 0
        ? { status: 'fail', reason: problems.join('; ') }
        : { status: 'pass', reason: 'no host network and no host ports' };
    }),
};
