import type { Check, CheckResult } from '../../check/types.js';
import {
  IngressClassSpec,
  IngressSpec,
  parseSpec,
  ServiceSpec,
  type IngressBackend,
} from '../../kube/network-objects.js';
import type { PodTemplate } from '../../kube/workloads.js';
import { refOf, type KubeObject, type Snapshot } from '../../snapshot/types.js';
import { describeTargets, selectedTemplates } from './exposure.js';
import { namespaceOf, networkView } from './namespaces.js';

const albScheme = 'alb.ingress.kubernetes.io/scheme';
const classAnnotation = 'kubernetes.io/ingress.class';
const albController = 'ingress.k8s.aws/alb';

/** Every backend of an Ingress: default backend first, then each rule's paths. */
function backendsOf(spec: IngressSpec): IngressBackend[] {
  return [
    ...(spec.defaultBackend !== undefined ? [spec.defaultBackend] : []),
    ...(spec.backend !== undefined ? [spec.backend] : []),
    ...(spec.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map(({ backend }) => backend)),
  ];
}

/** `service web:80 (sends traffic to Deployment web)`, `resource StorageBucket assets`. */
function describeBackend(
  backend: IngressBackend,
  services: ReadonlyMap<string, KubeObject>,
  namespace: string,
  templates: ReadonlyMap<string, readonly PodTemplate[]>
): string {
  if (backend.resource !== undefined) {
    return `resource ${backend.resource.kind} ${backend.resource.name}`;
  }
  const name = backend.service?.name ?? backend.serviceName;
  if (name === undefined) {
    return 'a backend without a service';
  }
  const port = backend.service?.port?.number ?? backend.service?.port?.name ?? backend.servicePort;
  const label = `service ${name}${port !== undefined ? `:${port}` : ''}`;
  const service = services.get(`${namespace}/${name}`);
  if (service === undefined) {
    return `${label} (not in the snapshot)`;
  }
  const parsed = parseSpec(ServiceSpec, service);
  return parsed.ok
    ? `${label} (${describeTargets(parsed.spec, selectedTemplates(service, parsed.spec, templates))})`
    : `${label} (malformed)`;
}

/** The ingress class and whether the AWS Load Balancer Controller serves it. */
function classOf(
  ingress: KubeObject,
  spec: IngressSpec,
  classes: ReadonlyMap<string, KubeObject>
): { name: string | undefined; alb: boolean } {
  const name = spec.ingressClassName ?? ingress.metadata.annotations?.[classAnnotation];
  const object = name !== undefined ? classes.get(name) : undefined;
  const parsed = object !== undefined ? parseSpec(IngressClassSpec, object) : undefined;
  const controller = parsed?.ok === true ? parsed.spec.controller : undefined;
  return { name, alb: name === 'alb' || controller === albController };
}

function judge(
  snapshot: Snapshot,
  ingress: KubeObject,
  lookups: {
    services: ReadonlyMap<string, KubeObject>;
    classes: ReadonlyMap<string, KubeObject>;
    templates: ReadonlyMap<string, readonly PodTemplate[]>;
  }
): CheckResult {
  const resource = refOf(snapshot, ingress);
  const parsed = parseSpec(IngressSpec, ingress);
  if (!parsed.ok) {
    return { status: 'manual', resource, reason: parsed.problem };
  }
  const spec = parsed.spec;
  const backends = backendsOf(spec).map((backend) =>
    describeBackend(backend, lookups.services, namespaceOf(ingress), lookups.templates)
  );
  if (backends.length === 0) {
    return { status: 'pass', resource, reason: 'routes to no backend' };
  }
  const hosts = [...new Set((spec.rules ?? []).flatMap(({ host }) => (host ? [host] : [])))];
  const details = `exposes ${[...new Set(backends)].join(', ')}${hosts.length > 0 ? `; hosts ${hosts.join(', ')}` : ''}`;
  const scheme = ingress.metadata.annotations?.[albScheme];
  const ingressClass = classOf(ingress, spec, lookups.classes);
  if (scheme !== undefined) {
    return scheme.trim().toLowerCase() === 'internal'
      ? { status: 'pass', resource, reason: `internal ALB (${albScheme}: ${scheme}); ${details}` }
      : {
          status: 'fail',
          resource,
          reason: `internet-facing ALB (${albScheme}: ${scheme}); ${details}`,
        };
  }
  if (ingressClass.alb) {
    return {
      status: 'pass',
      resource,
      reason: `ALB without a scheme annotation, internal by default; ${details}`,
    };
  }
  return {
    status: 'fail',
    resource,
    reason: `exposed through the ingress controller of ${ingressClass.name !== undefined ? `class ${ingressClass.name}` : 'the default class'}; ${details}`,
  };
}

function byName(snapshot: Snapshot, kind: string, namespaced: boolean): Map<string, KubeObject> {
  return new Map(
    snapshot.objects
      .filter((object) => object.kind === kind)
      .map((object) => [
        namespaced ? `${namespaceOf(object)}/${object.metadata.name}` : object.metadata.name,
        object,
      ])
  );
}

/**
 * One result per Ingress with its backends resolved to Services and, through their selectors,
 * to workloads. An ALB the AWS Load Balancer Controller makes internal (the scheme annotation,
 * or its default when the class is ALB) passes; every other Ingress with a backend fails, since
 * it exposes its services to whoever reaches the ingress controller.
 */
export const check: Check = {
  id: 'network-ingress-exposure',
  title: 'Ingresses should not expose services to the internet',
  severity: 'medium',
  controls: [],
  remediation:
    'Keep internal services off public ingress controllers (alb.ingress.kubernetes.io/scheme: internal, or an internal ingress class), and put TLS and authentication in front of those that must be public.',
  run: (snapshot) => {
    const lookups = {
      services: byName(snapshot, 'Service', true),
      classes: byName(snapshot, 'IngressClass', false),
      templates: networkView(snapshot).templatesByNamespace,
    };
    return snapshot.objects
      .filter((object) => object.kind === 'Ingress')
      .map((ingress) => judge(snapshot, ingress, lookups));
  },
};
