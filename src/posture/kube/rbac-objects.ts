import { z } from 'zod';

/**
 * The RBAC objects the checks read, as `rbac.authorization.k8s.io/v1` writes them (camelCase
 * JSON), plus the ServiceAccount fields that matter to who holds a token. Only the body is
 * parsed: `metadata` is typed by `KubeObject` already. Loose objects: unknown fields pass
 * through. Lists the API may write as `null` (an empty `rules`, a binding without subjects)
 * are accepted as `null` too.
 */
export const PolicyRule = z.looseObject({
  verbs: z.array(z.string()),
  apiGroups: z.array(z.string()).nullish(),
  resources: z.array(z.string()).nullish(),
  resourceNames: z.array(z.string()).nullish(),
  nonResourceURLs: z.array(z.string()).nullish(),
});

export const LabelSelectorRequirement = z.looseObject({
  key: z.string(),
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`. */
  operator: z.string(),
  values: z.array(z.string()).nullish(),
});

export const LabelSelector = z.looseObject({
  matchLabels: z.record(z.string(), z.string()).nullish(),
  matchExpressions: z.array(LabelSelectorRequirement).nullish(),
});

export const Role = z.looseObject({
  rules: z.array(PolicyRule).nullish(),
});

export const ClusterRole = z.looseObject({
  rules: z.array(PolicyRule).nullish(),
  /** The aggregation controller fills `rules` with the rules of every ClusterRole selected. */
  aggregationRule: z
    .looseObject({ clusterRoleSelectors: z.array(LabelSelector).nullish() })
    .nullish(),
});

export const RoleRef = z.looseObject({
  apiGroup: z.string().optional(),
  /** `Role` or `ClusterRole`. */
  kind: z.string(),
  name: z.string(),
});

export const Subject = z.looseObject({
  /** `User`, `Group` or `ServiceAccount`. */
  kind: z.string(),
  name: z.string(),
  /** Required for a ServiceAccount of a ClusterRoleBinding; a RoleBinding's own by default. */
  namespace: z.string().optional(),
  apiGroup: z.string().optional(),
});

export const RoleBinding = z.looseObject({
  subjects: z.array(Subject).nullish(),
  roleRef: RoleRef,
});

export const ClusterRoleBinding = RoleBinding;

export const ServiceAccount = z.looseObject({
  automountServiceAccountToken: z.boolean().optional(),
  secrets: z.array(z.looseObject({ name: z.string().optional() })).nullish(),
  imagePullSecrets: z.array(z.looseObject({ name: z.string().optional() })).nullish(),
});

/** The API group of every RBAC kind: a `Role` of another group (an ACK IAM Role) is not one. */
export const rbacGroup = 'rbac.authorization.k8s.io';

export type PolicyRule = z.infer<typeof PolicyRule>;
export type LabelSelector = z.infer<typeof LabelSelector>;
export type Role = z.infer<typeof Role>;
export type ClusterRole = z.infer<typeof ClusterRole>;
export type RoleRef = z.infer<typeof RoleRef>;
export type Subject = z.infer<typeof Subject>;
export type RoleBinding = z.infer<typeof RoleBinding>;
export type ClusterRoleBinding = z.infer<typeof ClusterRoleBinding>;
export type ServiceAccount = z.infer<typeof ServiceAccount>;
