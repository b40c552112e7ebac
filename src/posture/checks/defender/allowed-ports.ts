import type { Check, CheckResult } from '../../check/types.js';
import { parseSpec, ServiceSpec } from '../../kube/network-objects.js';
import { allContainers, type PodTemplate } from '../../kube/workloads.js';
import { refOf, type KubeObject, type Snapshot } from '../../snapshot/types.js';
import { containerLabel, perTemplate, type Verdict } from './templates.js';

export interface AllowedPortsOptions {
  /**
   * The ports containers may declare (`containerPort`) and Services may listen on (`port`).
   * Default: none configured, and then every template and Service that declares ports is
   * `manual`, listing them.
   */
  ports?: readonly number[];
}

interface Port {
  where: string;
  port: number;
  protocol: string;
}

function verdict(ports: Port[], allowed: ReadonlySet<number> | undefined, what: string): Verdict {
  if (ports.length === 0) {
    return { status: 'pass', reason: `declares no ${what}` };
  }
  const seen = ports.map(({ where, port, protocol }) => `${where}${port}/${protocol}`).join(', ');
  if (allowed === undefined) {
    return { status: 'manual', reason: `no allowed ports are configured; ${what}: ${seen}` };
  }
  const refused = ports.filter(({ port }) => !allowed.has(port));
  return refused.length > 0
    ? {
        status: 'fail',
        reason: refused
          .map(({ where, port, protocol }) => `${where}${port}/${protocol} is not an allowed port`)
          .join('; '),
      }
    : { status: 'pass', reason: `every one of its ${what} is allowed: ${seen}` };
}

function templatePorts(template: PodTemplate): Port[] {
  return allContainers(template.spec).flatMap(({ container, list }) =>
    (container.ports ?? []).flatMap((port) =>
      port.containerPort === undefined
        ? []
        : [
            {
              where: `${containerLabel(list, container.name)}: containerPort `,
              port: port.containerPort,
              protocol: port.protocol ?? 'TCP',
            },
          ]
    )
  );
}

function serviceResult(
  snapshot: Snapshot,
  service: KubeObject,
  allowed: ReadonlySet<number> | undefined
): CheckResult {
  const resource = refOf(snapshot, service);
  const parsed = parseSpec(ServiceSpec, service);
  if (!parsed.ok) {
    return { status: 'manual', resource, reason: parsed.problem };
  }
  const ports = (parsed.spec.ports ?? []).map((port) => ({
    where: `port ${port.name !== undefined ? `${port.name} ` : ''}`,
    port: port.port,
    protocol: port.protocol ?? 'TCP',
  }));
  return { ...verdict(ports, allowed, 'service ports'), resource };
}

/**
 * The ports a workload declares (`containerPort` of every container) and the ports a Service
 * listens on (`spec.ports[].port`) are in the configured list. One result per pod template and
 * per Service. Ports a process opens without declaring them are invisible here.
 */
export function allowedPortsCheck(options: AllowedPortsOptions = {}): Check {
  const allowed =
    options.ports !== undefined && options.ports.length > 0 ? new Set(options.ports) : undefined;
  return {
    id: 'defender-allowed-ports',
    title: 'Services should listen on allowed ports only',
    severity: 'medium',
    controls: [{ framework: 'defender', id: 'services-should-listen-on-allowed-ports-only' }],
    remediation:
      'Listen only on the ports the platform allows, and add a port to the allowed list when it is reviewed.',
    run: (snapshot) => [
      ...perTemplate(snapshot, (template) =>
        verdict(templatePorts(template), allowed, 'container ports')
      ),
      ...snapshot.objects
        .filter((object) => object.kind === 'Service')
        .map((service) => serviceResult(snapshot, service, allowed)),
    ],
  };
}

export const check: Check = allowedPortsCheck();
