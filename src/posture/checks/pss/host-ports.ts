import type { Check } from '../../check/types.js';
import { namedContainers, podCheck } from './pod-check.js';

/** PSA `hostPorts`: binding ports of the node must be disallowed (`hostPort` unset or 0). */
export const check: Check = podCheck({
  id: 'pss-host-ports',
  title: 'Containers bind no host port',
  severity: 'medium',
  level: 'baseline',
  psaId: 'hostPorts',
  remediation:
    'Remove ports[].hostPort (or set it to 0) and reach the pod through a Service (ClusterIP, NodePort or LoadBalancer).',
  passes: 'no container port sets a hostPort',
  judge: (template) =>
    namedContainers(template.spec).flatMap(({ label, container }) =>
      (container.ports ?? []).flatMap((port, index) =>
        port.hostPort !== undefined && port.hostPort !== 0
          ? [`${label}: ports[${index}].hostPort is ${port.hostPort}`]
          : []
      )
    ),
});
