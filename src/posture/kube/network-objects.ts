import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { parseValue } from '../../core/parse.js';
import type { KubeObject } from '../snapshot/types.js';

/**
 * The parts of Services, Ingresses and NetworkPolicies the network and exposure checks read,
 * as the Kubernetes API writes them. Loose objects, like `pod-spec.ts`: unknown fields pass
 * through, known fields must have their API type.
 */
export const LabelSelectorRequirement = z.looseObject({
  key: z.string(),
  operator: z.string(),
  values: z.array(z.string()).optional(),
});

export const LabelSelector = z.looseObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(LabelSelectorRequirement).optional(),
});

const NetworkPolicyRule = z.looseObject({
  from: z.array(z.looseObject({})).optional(),
  to: z.array(z.looseObject({})).optional(),
  ports: z.array(z.looseObject({})).optional(),
});

export const NetworkPolicySpec = z.looseObject({
  /** Required by the API; a manifest that leaves it out gets the empty selector (every pod). */
  podSelector: LabelSelector.optional(),
  policyTypes: z.array(z.string()).optional(),
  ingress: z.array(NetworkPolicyRule).optional(),
  egress: z.array(NetworkPolicyRule).optional(),
});

export const ServicePort = z.looseObject({
  name: z.string().optional(),
  port: z.number().int(),
  protocol: z.string().optional(),
  targetPort: z.union([z.number().int(), z.string()]).optional(),
  nodePort: z.number().int().optional(),
});

export const ServiceSpec = z.looseObject({
  type: z.string().optional(),
  selector: z.record(z.string(), z.string()).optional(),
  ports: z.array(ServicePort).optional(),
  externalIPs: z.array(z.string()).optional(),
  externalName: z.string().optional(),
  loadBalancerClass: z.string().optional(),
  loadBalancerSourceRanges: z.array(z.string()).optional(),
});

/** `networking.k8s.io/v1` (`service`, `resource`) and the old `extensions/v1beta1` fields. */
export const IngressBackend = z.looseObject({
  service: z
    .looseObject({
      name: z.string(),
      port: z
        .looseObject({ number: z.number().int().optional(), name: z.string().optional() })
        .optional(),
    })
    .optional(),
  resource: z.looseObject({ kind: z.string(), name: z.string() }).optional(),
  serviceName: z.string().optional(),
  servicePort: z.union([z.number().int(), z.string()]).optional(),
});

export const IngressSpec = z.looseObject({
  ingressClassName: z.string().optional(),
  defaultBackend: IngressBackend.optional(),
  backend: IngressBackend.optional(),
  rules: z
    .array(
      z.looseObject({
        host: z.string().optional(),
        http: z
          .looseObject({
            paths: z.array(z.looseObject({ path: z.string().optional(), backend: IngressBackend })),
          })
          .optional(),
      })
    )
    .optional(),
  tls: z
    .array(
      z.looseObject({ hosts: z.array(z.string()).optional(), secretName: z.string().optional() })
    )
    .optional(),
});

export const IngressClassSpec = z.looseObject({ controller: z.string().optional() });

export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirement>;
export type LabelSelector = z.infer<typeof LabelSelector>;
export type NetworkPolicySpec = z.infer<typeof NetworkPolicySpec>;
export type ServicePort = z.infer<typeof ServicePort>;
export type ServiceSpec = z.infer<typeof ServiceSpec>;
export type IngressBackend = z.infer<typeof IngressBackend>;
export type IngressSpec = z.infer<typeof IngressSpec>;
export type IngressClassSpec = z.infer<typeof IngressClassSpec>;

/** A spec read through its schema, or what was wrong with it (for a `manual` result). */
export type ParsedSpec<T> = { ok: true; spec: T } | { ok: false; problem: string };

/** Reads `object.spec` through `schema`; an absent spec reads as `{}`. Never throws on bad input. */
export function parseSpec<T extends z.ZodType>(
  schema: T,
  object: KubeObject
): ParsedSpec<z.infer<T>> {
  const where = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
  try {
    return { ok: true, spec: parseValue(schema, object.spec ?? {}, `${where}: spec`) };
  } catch (error) {
    if (!(error instanceof InputError)) {
      throw error;
    }
    return { ok: false, problem: error.message };
  }
}
