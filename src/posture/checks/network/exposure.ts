import type { ServiceSpec } from '../../kube/network-objects.js';
import type { PodTemplate } from '../../kube/workloads.js';
import type { KubeObject } from '../../snapshot/types.js';
import { namespaceOf } from './namespaces.js';

/**
 * Service-to-workload resolution for the exposure checks: a Service selects a pod template
 * when every pair of its `spec.selector` is among the template's labels (the selector is a
 * plain map; an empty or absent one selects nothing, endpoints are then managed by hand).
 */
export function selectedTemplates(
  service: KubeObject,
  spec: ServiceSpec,
  templatesByNamespace: ReadonlyMap<string, readonly PodTemplate[]>
): PodTemplate[] {
  const pairs = Object.entries(spec.selector ?? {});
  if (pairs.length === 0) {
    return [];
  }
  return (templatesByNamespace.get(namespaceOf(service)) ?? []).filter((template) =>
    pairs.every(
      ([key, value]) => Object.hasOwn(template.labels, key) && template.labels[key] === value
    )
  );
}

/** `sends traffic to Deployment web, CronJob report` / `selects no workload in the snapshot`. */
export function describeTargets(spec: ServiceSpec, targets: readonly PodTemplate[]): string {
  if (Object.keys(spec.selector ?? {}).length === 0) {
    return 'has no selector (its endpoints are managed outside the selector)';
  }
  return targets.length > 0
    ? `sends traffic to ${targets.map(({ ref }) => `${ref.kind} ${ref.name}`).join(', ')}`
    : 'selects no workload in the snapshot';
}

/** `80/TCP, 443/TCP` with the node ports when asked: `80:30080/TCP`. */
export function describePorts(spec: ServiceSpec, withNodePorts: boolean): string {
  const ports = (spec.ports ?? []).map(
    (port) =>
      `${port.port}${withNodePorts && port.nodePort !== undefined ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`
  );
  return ports.length > 0 ? ports.join(', ') : 'no ports';
}

const awsScheme = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
const awsInternal = 'service.beta.kubernetes.io/aws-load-balancer-internal';
const awsType = 'service.beta.kubernetes.io/aws-load-balancer-type';

/** Annotations other clouds use for an internal load balancer, with the value that means it. */
const otherInternal: readonly [string, string][] = [
  ['service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
  ['networking.gke.io/load-balancer-type', 'internal'],
  ['cloud.google.com/load-balancer-type', 'internal'],
];

/**
 * Whether a LoadBalancer Service gets an internal load balancer, and why. The AWS scheme
 * annotation decides when present; then the older internal annotation (any value but `false`);
 * then the Azure and GKE internal annotations. Without any, the AWS Load Balancer Controller
 * (class `service.k8s.aws/nlb`, or type `external`/`nlb-ip`) makes internal load balancers and
 * the in-tree cloud controllers make internet-facing ones.
 */
export function loadBalancerScheme(
  annotations: Readonly<Record<string, string>>,
  spec: ServiceSpec
): { internal: boolean; why: string } {
  const scheme = annotations[awsScheme];
  if (scheme !== undefined) {
    return { internal: scheme.trim().toLowerCase() === 'internal', why: `${awsScheme}: ${scheme}` };
  }
  const internal = annotations[awsInternal];
  if (internal !== undefined) {
    const value = internal.trim().toLowerCase();
    return { internal: value !== 'false' && value !== '', why: `${awsInternal}: ${internal}` };
  }
  for (const [key, value] of otherInternal) {
    if (annotations[key]?.trim().toLowerCase() === value) {
      return { internal: true, why: `${key}: ${annotations[key] ?? ''}` };
    }
  }
  const type = annotations[awsType]?.trim().toLowerCase();
  if (
    spec.loadBalancerClass === 'service.k8s.aws/nlb' ||
    type === 'external' ||
    type === 'nlb-ip'
  ) {
    return {
      internal: true,
      why: 'no scheme annotation, and the AWS Load Balancer Controller defaults to internal',
    };
  }
  if (spec.loadBalancerClass !== undefined) {
    return {
      internal: false,
      why: `no internal annotation, and load balancer class ${spec.loadBalancerClass} decides: taken as internet-facing`,
    };
  }
  return {
    internal: false,
    why: 'no internal annotation, so the cloud provider default applies: internet-facing',
  };
}
