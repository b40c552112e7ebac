import { isRecord } from '../../core/is-record.js';
import type { AuditEvent } from '../audit/event.js';
import { objectName, resultingObject } from '../audit/fields.js';

/**
 * Reading the rules of a Role or ClusterRole from an audit event's body, and asking them what
 * the authorizer would: `*` in apiGroups, resources or verbs matches anything, `*\/exec` matches
 * the exec subresource of any resource, and a bare resource does not match its subresources.
 * The body is whatever the client sent: lists are capped and entries that are not strings are
 * skipped.
 */
export interface PolicyRuleView {
  apiGroups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
  resourceNames: readonly string[];
}

const maxRules = 256;
const maxEntries = 256;

/**
 * The rules of a role object; undefined when the body says nothing about rules (a merge patch
 * of labels, or no body), so a rule cannot judge it. `rules: null` is an empty list.
 */
export function policyRulesOf(
  role: Record<string, unknown> | undefined
): PolicyRuleView[] | undefined {
  if (role === undefined || !('rules' in role)) {
    return undefined;
  }
  const rules = role['rules'];
  if (rules === null) {
    return [];
  }
  if (!Array.isArray(rules)) {
    return undefined;
  }
  const views: PolicyRuleView[] = [];
  for (const rule of rules.slice(0, maxRules)) {
    if (isRecord(rule)) {
      views.push({
        apiGroups: strings(rule['apiGroups']),
        resources: strings(rule['resources']),
        verbs: strings(rule['verbs']),
        resourceNames: strings(rule['resourceNames']),
      });
    }
  }
  return views;
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.slice(0, maxEntries).filter((entry): entry is string => typeof entry === 'string');
}

/** A power a rule may grant: some verbs on one resource (`pods/exec`) of one API group. */
export interface Power {
  /** `''` for the core group. */
  group: string;
  resource: string;
  verbs: readonly string[];
}

/** The power's verbs the rule allows, in the power's order; empty when it allows none. */
export function allowedVerbs(rule: PolicyRuleView, power: Power): string[] {
  if (!rule.apiGroups.some((group) => group === '*' || group === power.group)) {
    return [];
  }
  const slash = power.resource.indexOf('/');
  const subresource = slash >= 0 ? power.resource.slice(slash + 1) : undefined;
  const resourceMatches = rule.resources.some(
    (resource) =>
      resource === '*' ||
      resource === power.resource ||
      (subresource !== undefined && resource === `*/${subresource}`)
  );
  if (!resourceMatches) {
    return [];
  }
  const verbs = rule.verbs.includes('*')
    ? [...power.verbs]
    : power.verbs.filter((verb) => rule.verbs.includes(verb));
  // A create of a whole resource has no name yet, so resourceNames never allow it.
  return rule.resourceNames.length > 0 && subresource === undefined
    ? verbs.filter((verb) => verb !== 'create')
    : verbs;
}

/** `rules[0]: verbs *, resources *`: each rule with `*` in verbs or resources. */
export function wildcardGrants(rules: readonly PolicyRuleView[]): string[] {
  const found: string[] = [];
  rules.forEach((rule, index) => {
    const parts: string[] = [];
    if (rule.verbs.includes('*')) {
      parts.push('verbs *');
    }
    if (rule.resources.includes('*')) {
      parts.push('resources *');
    }
    if (parts.length > 0) {
      found.push(`rules[${index}]: ${parts.join(', ')}`);
    }
  });
  return found;
}

/**
 * Running commands in existing pods: `create` on exec or attach, and `get`, which opened a
 * WebSocket exec before Kubernetes 1.30 asked for create.
 */
const podExecPowers: readonly Power[] = [
  { group: '', resource: 'pods/exec', verbs: ['create', 'get'] },
  { group: '', resource: 'pods/attach', verbs: ['create', 'get'] },
];

/** `create, get pods/exec`: the exec and attach powers the rules grant. */
export function podExecGrants(rules: readonly PolicyRuleView[]): string[] {
  return grantsOf(rules, podExecPowers);
}

const rbacGroup = 'rbac.authorization.k8s.io';

/** Widening one's own permissions, and acting as someone else. */
const escalationPowers: readonly Power[] = [
  { group: rbacGroup, resource: 'roles', verbs: ['escalate', 'bind'] },
  { group: rbacGroup, resource: 'clusterroles', verbs: ['escalate', 'bind'] },
  { group: '', resource: 'users', verbs: ['impersonate'] },
  { group: '', resource: 'groups', verbs: ['impersonate'] },
  { group: '', resource: 'serviceaccounts', verbs: ['impersonate'] },
  { group: 'authentication.k8s.io', resource: 'uids', verbs: ['impersonate'] },
];

const secretsRead: readonly Power[] = [
  { group: '', resource: 'secrets', verbs: ['get', 'list', 'watch'] },
];

/** The kubelet API through the API server: exec into any pod on the node, and more. */
const nodesProxy: readonly Power[] = [
  {
    group: '',
    resource: 'nodes/proxy',
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
];

/**
 * Where a role's grants can reach. A ClusterRole can be bound cluster-wide and is the only role
 * that grants cluster-scoped resources (nodes/proxy); a Role in kube-system reaches the secrets
 * and service accounts the cluster runs on, which counts as cluster-wide for secrets.
 */
export interface RoleScope {
  clusterRole: boolean;
  namespace?: string;
}

/**
 * Why a role is high privilege, one phrase per reason: wildcard verbs or resources, escalate,
 * bind or impersonate, reading secrets cluster-wide, nodes/proxy, exec or attach into pods.
 * Empty for a harmless role.
 */
export function highPrivilegeGrants(rules: readonly PolicyRuleView[], scope: RoleScope): string[] {
  const reasons = [...wildcardGrants(rules), ...grantsOf(rules, escalationPowers)];
  if (scope.clusterRole || scope.namespace === 'kube-system') {
    reasons.push(
      ...grantsOf(rules, secretsRead).map(
        (grant) =>
          `${grant} ${scope.clusterRole ? '(any namespace once bound cluster-wide)' : 'in kube-system'}`
      )
    );
  }
  if (scope.clusterRole) {
    reasons.push(...grantsOf(rules, nodesProxy));
  }
  reasons.push(...podExecGrants(rules));
  return reasons;
}

/** `get, list secrets`: for each power, the verbs some rule grants, merged across rules. */
function grantsOf(rules: readonly PolicyRuleView[], powers: readonly Power[]): string[] {
  const phrases: string[] = [];
  for (const power of powers) {
    const verbs = new Set(rules.flatMap((rule) => allowedVerbs(rule, power)));
    const ordered = power.verbs.filter((verb) => verbs.has(verb));
    if (ordered.length > 0) {
      phrases.push(`${ordered.join(', ')} ${power.resource}`);
    }
  }
  return phrases;
}

/** `ClusterRole` or `Role`, from the resource the request named. */
export function roleKindOf(resource: string | undefined): 'ClusterRole' | 'Role' | undefined {
  if (resource === 'clusterroles') {
    return 'ClusterRole';
  }
  return resource === 'roles' ? 'Role' : undefined;
}

/** A Role or ClusterRole as a create, update or patch leaves it. */
export interface RoleChange {
  kind: 'ClusterRole' | 'Role';
  name: string;
  namespace?: string;
  rules: PolicyRuleView[];
}

/**
 * The role from the event's body (`resultingObject`: the response first). Undefined when the
 * body says nothing of rules: a JSON-patch array, a merge patch of labels, a Metadata-level event.
 */
export function roleChangeOf(event: AuditEvent): RoleChange | undefined {
  const kind = roleKindOf(event.objectRef?.resource);
  if (kind === undefined) {
    return undefined;
  }
  const rules = policyRulesOf(resultingObject(event));
  if (rules === undefined) {
    return undefined;
  }
  const change: RoleChange = { kind, name: objectName(event) ?? '(unnamed)', rules };
  const namespace = event.objectRef?.namespace;
  if (kind === 'Role' && namespace) {
    change.namespace = namespace;
  }
  return change;
}

/** `ClusterRole ops-all`, `Role shop/debugger`. */
export function describeRole(role: RoleChange): string {
  return `${role.kind} ${role.namespace !== undefined ? `${role.namespace}/` : ''}${role.name}`;
}

/** The first `shown` phrases, then a count: `a; b and 4 more`. */
export function listPhrases(phrases: readonly string[], shown: number): string {
  const head = phrases.slice(0, shown).join('; ');
  const rest = phrases.length - shown;
  return rest > 0 ? `${head} and ${rest} more` : head;
}
