import type { AuditEvent } from '../audit/event.js';
import { resultingObject } from '../audit/fields.js';
import type { RuleMatch } from './types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { clip, describeRequest, listOf } from './workload-describe.js';
import {
  describeExposure,
  describePort,
  exposureOf,
  ingressBackends,
  ingressHosts,
  portsOf,
  type IngressBackend,
} from './workload-exposure.js';
import { isBuiltIn, isEffectiveWrite, writeVerbs } from './workload-requests.js';

/** `on` of a rule over exposed dashboards: a Service or an Ingress in front of one. */
export const dashboardOn = { resources: ['services', 'ingresses'], verbs: writeVerbs } as const;

export interface DashboardSigns {
  /** `the Kubernetes dashboard`. */
  what: string;
  /** Why this Service fronts the dashboard (`name kubernetes-dashboard`), or undefined. */
  service(service: Record<string, unknown>, namespace: string): string | undefined;
  /** Whether this Ingress backend, in the Ingress's namespace, is the dashboard's Service. */
  backend(backend: IngressBackend, namespace: string): boolean;
}

function judgeService(
  event: AuditEvent,
  object: Record<string, unknown>,
  signs: DashboardSigns
): RuleMatch | undefined {
  const exposure = exposureOf(object);
  const sign =
    exposure !== undefined ? signs.service(object, event.objectRef?.namespace ?? '') : undefined;
  if (exposure === undefined || sign === undefined) {
    return undefined;
  }
  const ports = listOf(portsOf(object).map(describePort));
  return {
    message: `${describeRequest(event)} exposing ${signs.what} through ${describeExposure(exposure)}${ports !== '' ? ` on ports ${ports}` : ''} (${clip(sign)})`,
    fields: { exposure, ports, matched: clip(sign) },
  };
}

function judgeIngress(
  event: AuditEvent,
  object: Record<string, unknown>,
  signs: DashboardSigns
): RuleMatch | undefined {
  const namespace = event.objectRef?.namespace ?? '';
  const backends = ingressBackends(object).filter((backend) => signs.backend(backend, namespace));
  if (backends.length === 0) {
    return undefined;
  }
  const services = listOf(backends.map(({ service }) => service));
  const hosts = listOf(ingressHosts(object));
  return {
    message: `${describeRequest(event)} routing ${hosts !== '' ? `hosts ${hosts}` : 'every host'} to ${signs.what} (service ${services})`,
    fields: { exposure: 'Ingress', service: services, hosts: hosts !== '' ? hosts : '*' },
  };
}

/** A person's successful write of a Service or Ingress that puts the dashboard outside. */
export function judgeDashboardExposure(
  event: AuditEvent,
  signs: DashboardSigns
): RuleMatch | undefined {
  if (!isEffectiveWrite(event, writeVerbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
    return undefined;
  }
  const object = resultingObject(event);
  if (object === undefined) {
    return undefined;
  }
  return event.objectRef?.resource === 'ingresses'
    ? judgeIngress(event, object, signs)
    : judgeService(event, object, signs);
}
