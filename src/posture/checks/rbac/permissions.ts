import type { PolicyRule } from '../../kube/rbac-objects.js';
import type { Grant, RoleDef, SourcedRule } from './resolve.js';

/**
 * A permission a check asks about: some verbs on one resource (or subresource) of one API
 * group, as the authorizer would be asked for it.
 */
export interface Permission {
  verbs: readonly string[];
  /** `''` for the core group. */
  group: string;
  /** `pods`, or with a subresource `pods/exec`. */
  resource: string;
  /** A cluster-scoped resource: no RoleBinding can grant it. */
  clusterScoped?: boolean;
  /** Only in this namespace (the `aws-auth` ConfigMap lives in kube-system). */
  namespace?: string;
  /** Only this object (`aws-auth`): a rule whose resourceNames leave it out grants nothing. */
  name?: string;
}

/** What one rule allows of a permission. */
export interface RuleMatch {
  source: SourcedRule;
  /** The permission's verbs the rule allows, in the permission's order. */
  verbs: string[];
  /** The rule is limited to these objects (its resourceNames); absent: any object. */
  names?: readonly string[];
}

/** Every verb the API knows for resources, for permissions where any access counts. */
export const anyVerb: readonly string[] = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
];

/**
 * What a rule allows of a permission, by the authorizer's matching: `*` in apiGroups, resources
 * and verbs matches anything, `*\/exec` matches the exec subresource of any resource, a bare
 * resource does not match its subresources, and resourceNames limit the rule to those objects.
 * A create of a whole resource has no object name yet, so a rule with resourceNames never
 * allows it.
 */
export function ruleAllows(source: SourcedRule, permission: Permission): RuleMatch | undefined {
  const rule = source.rule;
  if (!groupMatches(rule, permission.group) || !resourceMatches(rule, permission.resource)) {
    return undefined;
  }
  let verbs = rule.verbs.includes('*')
    ? [...permission.verbs]
    : permission.verbs.filter((verb) => rule.verbs.includes(verb));
  const names = rule.resourceNames ?? [];
  if (names.length === 0) {
    return verbs.length > 0 ? { source, verbs } : undefined;
  }
  if (!permission.resource.includes('/')) {
    verbs = verbs.filter((verb) => verb !== 'create');
  }
  if (verbs.length === 0) {
    return undefined;
  }
  if (permission.name !== undefined) {
    return names.includes(permission.name) ? { source, verbs } : undefined;
  }
  return { source, verbs, names };
}

function groupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((ruleGroup) => ruleGroup === '*' || ruleGroup === group);
}

function resourceMatches(rule: PolicyRule, resource: string): boolean {
  const slash = resource.indexOf('/');
  const subresource = slash >= 0 ? resource.slice(slash + 1) : undefined;
  return (rule.resources ?? []).some(
    (ruleResource) =>
      ruleResource === '*' ||
      ruleResource === resource ||
      (subresource !== undefined && ruleResource === `*/${subresource}`)
  );
}

/** Whether the grant's scope reaches the permission at all: a RoleBinding stays in its namespace. */
export function scopeReaches(grant: Grant, permission: Permission): boolean {
  if (grant.namespace === undefined) {
    return true;
  }
  if (permission.clusterScoped === true) {
    return false;
  }
  return permission.namespace === undefined || permission.namespace === grant.namespace;
}

/** Every rule of the grant's role that allows some of the permission, where the grant reaches. */
export function grantAllows(grant: Grant, permission: Permission): readonly RuleMatch[] {
  const role = grant.binding.role;
  return role === undefined || !scopeReaches(grant, permission) ? [] : roleAllows(role, permission);
}

/**
 * Every rule of the role that allows some of the permission. Many bindings share a role (every
 * namespace binds `edit`), so each role is matched against each permission once.
 */
export function roleAllows(role: RoleDef, permission: Permission): readonly RuleMatch[] {
  let byPermission = matched.get(role);
  if (byPermission === undefined) {
    byPermission = new Map();
    matched.set(role, byPermission);
  }
  let matches = byPermission.get(permission);
  if (matches === undefined) {
    matches = role.effective.flatMap((source) => {
      const match = ruleAllows(source, permission);
      return match === undefined ? [] : [match];
    });
    byPermission.set(permission, matches);
  }
  return matches;
}

const matched = new WeakMap<RoleDef, Map<Permission, readonly RuleMatch[]>>();

/**
 * What the grant allows of each permission, merged across its rules, as phrases for reasons:
 * `get, list secrets`, `create pods/exec (only resourceNames web-0)`. Permissions with the same
 * verbs and limits are joined (`create pods, deployments`). Empty when it allows none.
 */
export function permissionPhrases(grant: Grant, permissions: readonly Permission[]): string[] {
  const groups = new Map<string, { verbs: string; limit: string; resources: string[] }>();
  for (const permission of permissions) {
    const matches = grantAllows(grant, permission);
    for (const [limit, verbs] of verbsByLimit(permission, matches)) {
      const key = `${verbs.join(', ')}\u0000${limit}`;
      const group = groups.get(key) ?? { verbs: verbs.join(', '), limit, resources: [] };
      group.resources.push(resourceLabel(permission));
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(
    ({ verbs, limit, resources }) => `${verbs} ${resources.join(', ')}${limit}`
  );
}

/** `secrets`, or for a permission on one object `configmaps (kube-system/aws-auth)`. */
function resourceLabel(permission: Permission): string {
  if (permission.name === undefined) {
    return permission.resource;
  }
  const namespace = permission.namespace !== undefined ? `${permission.namespace}/` : '';
  return `${permission.resource} (${namespace}${permission.name})`;
}

/** The allowed verbs of one permission, grouped by the resourceNames they are limited to. */
function verbsByLimit(
  permission: Permission,
  matches: readonly RuleMatch[]
): Map<string, string[]> {
  const byLimit = new Map<string, string[]>();
  for (const verb of permission.verbs) {
    const allowing = matches.filter((match) => match.verbs.includes(verb));
    if (allowing.length === 0) {
      continue;
    }
    const names = allowing.some((match) => match.names === undefined)
      ? []
      : [...new Set(allowing.flatMap((match) => match.names ?? []))].sort();
    const limit = names.length > 0 ? ` (only resourceNames ${names.join(', ')})` : '';
    byLimit.set(limit, [...(byLimit.get(limit) ?? []), verb]);
  }
  return byLimit;
}

/** The roles besides the bound one whose rules the phrases came from (aggregation sources). */
export function aggregatedSources(grant: Grant, permissions: readonly Permission[]): string[] {
  const role = grant.binding.role;
  if (role === undefined) {
    return [];
  }
  const names = new Set<string>();
  for (const permission of permissions) {
    for (const match of grantAllows(grant, permission)) {
      if (match.source.role !== role) {
        names.add(`${match.source.role.kind} ${match.source.role.name}`);
      }
    }
  }
  return [...names];
}
