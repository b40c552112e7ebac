import { isRecord } from '../../core/is-record.js';

/**
 * How a Service or an Ingress reaches outside the cluster, read from the object's body. Only
 * what the body says counts; whether the nodes have public addresses is not in an audit event,
 * so a NodePort is treated as reachable.
 */

/** `LoadBalancer` (public), `NodePort`, or `externalIPs` on any type. */
export type Exposure = 'LoadBalancer' | 'NodePort' | 'externalIPs';

/** `a LoadBalancer`, for a sentence. */
export function describeExposure(exposure: Exposure): string {
  return exposure === 'externalIPs' ? 'external IPs' : `a ${exposure}`;
}

export interface ServicePort {
  name: string;
  port: number | undefined;
  /** A number, or the name of a container port. */
  targetPort: number | string | undefined;
  nodePort: number | undefined;
}

const maxPorts = 256;

function metadataOf(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = object['metadata'];
  return isRecord(metadata) ? metadata : {};
}

function specOf(object: Record<string, unknown>): Record<string, unknown> {
  const spec = object['spec'];
  return isRecord(spec) ? spec : {};
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) {
    return {};
  }
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') {
      map[key] = entry;
    }
  }
  return map;
}

export function annotationsOf(object: Record<string, unknown>): Record<string, string> {
  return stringMap(metadataOf(object)['annotations']);
}

export function labelsOf(object: Record<string, unknown>): Record<string, string> {
  return stringMap(metadataOf(object)['labels']);
}

export function selectorOf(service: Record<string, unknown>): Record<string, string> {
  return stringMap(specOf(service)['selector']);
}

function portNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536
    ? value
    : undefined;
}

export function portsOf(service: Record<string, unknown>): ServicePort[] {
  const ports = specOf(service)['ports'];
  if (!Array.isArray(ports)) {
    return [];
  }
  return ports.slice(0, maxPorts).flatMap((entry): ServicePort[] => {
    if (!isRecord(entry)) {
      return [];
    }
    const target = entry['targetPort'];
    return [
      {
        name: typeof entry['name'] === 'string' ? entry['name'] : '',
        port: portNumber(entry['port']),
        targetPort: typeof target === 'string' && target !== '' ? target : portNumber(target),
        nodePort: portNumber(entry['nodePort']),
      },
    ];
  });
}

/** `443/TCP→8443`: a port as a person reads it. */
export function describePort(port: ServicePort): string {
  const front = port.port !== undefined ? String(port.port) : '?';
  const target =
    port.targetPort !== undefined && port.targetPort !== port.port ? `→${port.targetPort}` : '';
  const node = port.nodePort !== undefined ? ` (node port ${port.nodePort})` : '';
  return `${front}${target}${node}`;
}

/** Annotations by which cloud controllers make a LoadBalancer private to the VPC. */
const internalAnnotations: Record<string, (value: string) => boolean> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': (value) =>
    value.toLowerCase() !== 'false',
  'service.beta.kubernetes.io/aws-load-balancer-scheme': (value) =>
    value.toLowerCase() === 'internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': (value) =>
    value.toLowerCase() === 'true',
  'networking.gke.io/load-balancer-type': (value) => value.toLowerCase() === 'internal',
  'cloud.google.com/load-balancer-type': (value) => value.toLowerCase() === 'internal',
};

function isInternal(annotations: Record<string, string>): boolean {
  return Object.entries(internalAnnotations).some(([key, internal]) => {
    const value = annotations[key];
    return value !== undefined && internal(value.trim());
  });
}

/**
 * A source range narrow enough to be a deliberate allow list. Anything wider than a /8 (IPv4) or
 * a /16 (IPv6), `0.0.0.0/0` above all, is the internet; so is a range that does not parse.
 */
function isNarrowRange(range: string): boolean {
  const [address = '', prefix] = range.trim().split('/');
  const v6 = address.includes(':');
  if (!/^[0-9a-fA-F.:]+$/.test(address)) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  if (!/^\d{1,3}$/.test(prefix)) {
    return false;
  }
  const length = Number(prefix);
  return v6 ? length >= 16 && length <= 128 : length >= 8 && length <= 32;
}

function sourceRangesOf(service: Record<string, unknown>): string[] {
  const fromSpec = specOf(service)['loadBalancerSourceRanges'];
  const ranges = Array.isArray(fromSpec)
    ? fromSpec.filter((entry): entry is string => typeof entry === 'string')
    : [];
  const fromAnnotation =
    annotationsOf(service)['service.beta.kubernetes.io/load-balancer-source-ranges'];
  if (fromAnnotation !== undefined) {
    ranges.push(...fromAnnotation.split(','));
  }
  return ranges.slice(0, maxPorts).filter((range) => range.trim() !== '');
}

/**
 * How the Service is reachable from outside the cluster, or undefined when it is not: a
 * ClusterIP or headless service, an ExternalName alias, a LoadBalancer the cloud keeps internal
 * (by annotation), or one whose source ranges are all deliberate allow lists.
 */
export function exposureOf(service: Record<string, unknown>): Exposure | undefined {
  const spec = specOf(service);
  const type = spec['type'];
  if (type === 'NodePort') {
    return 'NodePort';
  }
  if (type === 'LoadBalancer') {
    const ranges = sourceRangesOf(service);
    const restricted = ranges.length > 0 && ranges.every(isNarrowRange);
    if (!isInternal(annotationsOf(service)) && !restricted) {
      return 'LoadBalancer';
    }
  }
  const external = spec['externalIPs'];
  if (Array.isArray(external) && external.some((ip) => typeof ip === 'string' && ip !== '')) {
    return 'externalIPs';
  }
  return undefined;
}

/** The name, a label value or a selector value that contains `word` (any case), if one does. */
export function serviceMention(service: Record<string, unknown>, word: string): string | undefined {
  const needle = word.toLowerCase();
  const name = metadataOf(service)['name'];
  if (typeof name === 'string' && name.toLowerCase().includes(needle)) {
    return `name ${name}`;
  }
  for (const [where, map] of [
    ['label', labelsOf(service)],
    ['selector', selectorOf(service)],
  ] as const) {
    for (const [key, value] of Object.entries(map)) {
      if (value.toLowerCase().includes(needle)) {
        return `${where} ${key}=${value}`;
      }
    }
  }
  return undefined;
}

export interface IngressBackend {
  service: string;
  /** The port's number or name, when given. */
  port: string | undefined;
}

function backendOf(value: unknown): IngressBackend | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const service = value['service'];
  if (isRecord(service) && typeof service['name'] === 'string') {
    const port = service['port'];
    const number = isRecord(port) ? (portNumber(port['number']) ?? port['name']) : undefined;
    return {
      service: service['name'],
      port: typeof number === 'number' || typeof number === 'string' ? String(number) : undefined,
    };
  }
  // networking.k8s.io/v1beta1 and extensions/v1beta1.
  const legacy = value['serviceName'];
  if (typeof legacy === 'string') {
    const port = value['servicePort'];
    return {
      service: legacy,
      port: typeof port === 'number' || typeof port === 'string' ? String(port) : undefined,
    };
  }
  return undefined;
}

/** Every Service an Ingress sends traffic to: the default backend and each rule's paths. */
export function ingressBackends(ingress: Record<string, unknown>): IngressBackend[] {
  const spec = specOf(ingress);
  const backends: IngressBackend[] = [];
  for (const field of ['defaultBackend', 'backend']) {
    const backend = backendOf(spec[field]);
    if (backend !== undefined) {
      backends.push(backend);
    }
  }
  const rules = spec['rules'];
  for (const rule of Array.isArray(rules) ? rules.slice(0, maxPorts) : []) {
    const http = isRecord(rule) ? rule['http'] : undefined;
    const paths = isRecord(http) ? http['paths'] : undefined;
    for (const path of Array.isArray(paths) ? paths.slice(0, maxPorts) : []) {
      const backend = isRecord(path) ? backendOf(path['backend']) : undefined;
      if (backend !== undefined) {
        backends.push(backend);
      }
    }
  }
  return backends;
}

/** The hosts an Ingress's rules name (`*` for a rule without one). */
export function ingressHosts(ingress: Record<string, unknown>): string[] {
  const rules = specOf(ingress)['rules'];
  if (!Array.isArray(rules)) {
    return [];
  }
  return rules
    .slice(0, maxPorts)
    .map((rule) => (isRecord(rule) && typeof rule['host'] === 'string' ? rule['host'] : '*'));
}

/** Annotations by which cloud load balancers terminate TLS for an Ingress without `spec.tls`. */
const certificateAnnotations: readonly string[] = [
  'alb.ingress.kubernetes.io/certificate-arn',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'networking.gke.io/managed-certificates',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
];

/** `spec.tls` names a certificate, or the cloud's load balancer is given one by annotation. */
export function ingressHasTls(ingress: Record<string, unknown>): boolean {
  const tls = specOf(ingress)['tls'];
  if (Array.isArray(tls) && tls.some(isRecord)) {
    return true;
  }
  const annotations = annotationsOf(ingress);
  // The AWS Load Balancer Controller finds the ACM certificate by host when a listener is HTTPS.
  const listeners = annotations['alb.ingress.kubernetes.io/listen-ports'] ?? '';
  return (
    /"HTTPS"/i.test(listeners) ||
    certificateAnnotations.some((key) => (annotations[key] ?? '').trim() !== '')
  );
}
