import type { Check } from '../../check/types.js';
import type { Container } from '../../kube/pod-spec.js';
import { namedContainers, podCheck, show } from './pod-check.js';

type Handler = NonNullable<Container['livenessProbe']>;

/** The handlers that can name a host, by their field path in the container. */
function handlersOf(container: Container): [string, Handler | undefined][] {
  return [
    ['livenessProbe', container.livenessProbe],
    ['readinessProbe', container.readinessProbe],
    ['startupProbe', container.startupProbe],
    ['lifecycle.postStart', container.lifecycle?.postStart],
    ['lifecycle.preStop', container.lifecycle?.preStop],
  ];
}

function hostsOf(container: Container): string[] {
  return handlersOf(container).flatMap(([field, handler]) =>
    (['httpGet', 'tcpSocket'] as const).flatMap((kind) => {
      const host = handler?.[kind]?.host;
      return host === undefined || host === '' ? [] : [`${field}.${kind}.host is ${show(host)}`];
    })
  );
}

/**
 * PSA `hostProbesAndHostLifecycle` (policy v1.34+): probes and lifecycle hooks must not name a
 * host, which would make the kubelet connect to an address of the pod's choosing.
 */
export const check: Check = podCheck({
  id: 'pss-host-probes-lifecycle',
  title: 'Probes and lifecycle hooks name no host',
  severity: 'medium',
  level: 'baseline',
  psaId: 'hostProbesAndHostLifecycle',
  remediation:
    'Remove the host field from httpGet and tcpSocket probes and lifecycle hooks, so the kubelet targets the pod itself.',
  passes: 'no probe or lifecycle hook sets httpGet.host or tcpSocket.host',
  judge: (template) =>
    namedContainers(template.spec).flatMap(({ label, container }) =>
      hostsOf(container).map((offence) => `${label}: ${offence}`)
    ),
});
