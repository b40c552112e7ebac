import { InputError } from '../../../core/errors.js';
import { parseValue } from '../../../core/parse.js';
import {
  ClusterRole,
  Role,
  RoleBinding,
  ServiceAccount,
  rbacGroup,
  type LabelSelector,
  type PolicyRule,
  type RoleRef,
  type Subject,
} from '../../kube/rbac-objects.js';
import { podTemplates, serviceAccountOf } from '../../kube/workloads.js';
import { refOf, type KubeObject, type ResourceRef, type Snapshot } from '../../snapshot/types.js';
import { builtinClusterRoles } from './builtin-roles.js';

/**
 * RBAC as the API server's authorizer sees it: roles with their effective rules (aggregated
 * ClusterRoles included), bindings resolved to those roles with the scope they grant in, and
 * every subject with all the grants that reach it and the workloads that run as it.
 */
export interface RoleDef {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Roles only; a manifest without one counts as `default`, where kubectl would put it. */
  namespace?: string;
  object: KubeObject;
  ref: ResourceRef;
  /** The rules the object itself writes. */
  rules: readonly PolicyRule[];
  /** Its own rules plus, for an aggregated ClusterRole, those of every ClusterRole it selects. */
  effective: readonly SourcedRule[];
  /** An aggregated ClusterRole's `aggregationRule.clusterRoleSelectors`. */
  aggregationSelectors?: readonly LabelSelector[];
  /** A bootstrap ClusterRole the snapshot does not hold, from `builtin-roles.ts`. */
  builtin?: boolean;
}

/** A rule and the role whose `rules` list holds it (an aggregated ClusterRole's source). */
export interface SourcedRule {
  rule: PolicyRule;
  index: number;
  role: RoleDef;
}

export interface BindingDef {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  object: KubeObject;
  ref: ResourceRef;
  roleRef: RoleRef;
  /** Absent when the role is not in the snapshot or the reference is invalid: see `problem`. */
  role?: RoleDef;
  /** Why the binding grants nothing: its role is missing, or a kind it cannot refer to. */
  problem?: string;
}

/** One binding as it reaches one subject. */
export interface Grant {
  binding: BindingDef;
  /** The namespace the grant is limited to (a RoleBinding's), or undefined: cluster-wide. */
  namespace: string | undefined;
  /**
   * How the binding names the subject when not as itself: `Group system:serviceaccounts:ci`,
   * `User system:serviceaccount:ci:deployer`.
   */
  via?: string;
}

export interface Workload {
  ref: ResourceRef;
  /** Whether its pods get the service account's token (pod setting, else the account's, else yes). */
  tokenMounted: boolean;
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface RbacSubject {
  kind: SubjectKind;
  name: string;
  /** Service accounts only. */
  namespace?: string;
  ref: ResourceRef;
  /** The ServiceAccount object, when the snapshot holds it. */
  account?: { object: KubeObject; automountServiceAccountToken?: boolean };
  /** The bindings that name it: as itself, or a service account by its user name. */
  grants: Grant[];
  /**
   * For a service account, the groups it is in that bindings name (`system:serviceaccounts`,
   * `system:serviceaccounts:<namespace>`, `system:authenticated`): their grants reach it too.
   * See `allGrants`.
   */
  groups: RbacSubject[];
  /** The pod templates that run as this service account. */
  workloads: Workload[];
}

export interface Unreadable {
  kind: string;
  ref: ResourceRef;
  message: string;
}

export interface RbacModel {
  roles: readonly RoleDef[];
  bindings: readonly BindingDef[];
  /** Sorted: users, groups, then service accounts; by namespace and name within a kind. */
  subjects: readonly RbacSubject[];
  /** RBAC objects and ServiceAccounts that did not parse: what they grant is unknown. */
  unreadable: readonly Unreadable[];
  /** Subjects that could not be placed and pod templates that did not parse. */
  notes: readonly string[];
}

/** The namespace a namespaced object without one lands in when applied with kubectl. */
export const defaultNamespace = 'default';
/** Where a grant counts as much as a cluster-wide one: its secrets and accounts run the cluster. */
export const privilegedNamespace = 'kube-system';

const rbacKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/**
 * The RBAC model of the snapshot, built once for all the checks of the family. Keyed by the
 * snapshot and its object list, so a changed list is resolved again.
 */
export function rbacModel(snapshot: Snapshot): RbacModel {
  const cached = models.get(snapshot);
  if (cached?.objects === snapshot.objects && cached.count === snapshot.objects.length) {
    return cached.model;
  }
  const model = resolveRbac(snapshot);
  models.set(snapshot, { objects: snapshot.objects, count: snapshot.objects.length, model });
  return model;
}

const models = new WeakMap<Snapshot, { objects: unknown[]; count: number; model: RbacModel }>();

export function resolveRbac(snapshot: Snapshot): RbacModel {
  const notes: string[] = [];
  const read = readObjects(snapshot);
  const { roles, clusterRoles, unreadable } = read;
  for (const object of builtinClusterRoles) {
    if (!clusterRoles.has(object.metadata.name)) {
      const parsed = parseValue(
        ClusterRole,
        object,
        `built-in ClusterRole ${object.metadata.name}`
      );
      clusterRoles.set(object.metadata.name, roleDef(snapshot, object, parsed, true));
    }
  }
  aggregate(clusterRoles);

  const bindings: BindingDef[] = [];
  const subjects = new Subjects();
  for (const object of read.bindings) {
    try {
      const parsed = parseValue(RoleBinding, object, describeObject(snapshot, object));
      const binding = bindingDef(snapshot, object, parsed.roleRef, roles, clusterRoles);
      bindings.push(binding);
      for (const subject of parsed.subjects ?? []) {
        subjects.bind(binding, subject, notes);
      }
    } catch (error) {
      unreadable.push(unreadableOf(snapshot, object, error));
    }
  }

  for (const { object, automount } of read.accounts.values()) {
    const subject = subjects.serviceAccount(namespaceOf(object), object.metadata.name);
    subject.account = {
      object,
      ...(automount !== undefined ? { automountServiceAccountToken: automount } : {}),
    };
    subject.ref = refOf(snapshot, object);
  }

  for (const template of podTemplates(snapshot, notes)) {
    const namespace = template.ref.namespace ?? defaultNamespace;
    const name = serviceAccountOf(template.spec);
    const subject = subjects.serviceAccount(namespace, name);
    subject.workloads.push({
      ref: template.ref,
      tokenMounted:
        template.spec.automountServiceAccountToken ??
        subject.account?.automountServiceAccountToken ??
        true,
    });
  }

  subjects.linkGroups();
  return {
    roles: [...roles.values(), ...[...clusterRoles.values()].filter((role) => !role.builtin)],
    bindings,
    subjects: subjects.sorted(),
    unreadable,
    notes,
  };
}

interface ReadObjects {
  /** Roles by `namespace/name`. */
  roles: Map<string, RoleDef>;
  clusterRoles: Map<string, RoleDef>;
  bindings: KubeObject[];
  accounts: Map<string, { object: KubeObject; automount: boolean | undefined }>;
  unreadable: Unreadable[];
}

/** The roles and ServiceAccounts of the snapshot, parsed; bindings wait for the roles. */
function readObjects(snapshot: Snapshot): ReadObjects {
  const read: ReadObjects = {
    roles: new Map(),
    clusterRoles: new Map(),
    bindings: [],
    accounts: new Map(),
    unreadable: [],
  };
  for (const object of snapshot.objects) {
    try {
      if (isRbac(object) && object.kind === 'Role') {
        const parsed = parseValue(Role, object, describeObject(snapshot, object));
        setOnce(
          read.roles,
          `${namespaceOf(object)}/${object.metadata.name}`,
          roleDef(snapshot, object, { rules: parsed.rules })
        );
      } else if (isRbac(object) && object.kind === 'ClusterRole') {
        const parsed = parseValue(ClusterRole, object, describeObject(snapshot, object));
        setOnce(read.clusterRoles, object.metadata.name, roleDef(snapshot, object, parsed));
      } else if (isRbac(object)) {
        read.bindings.push(object);
      } else if (object.kind === 'ServiceAccount' && object.apiVersion === 'v1') {
        const parsed = parseValue(ServiceAccount, object, describeObject(snapshot, object));
        setOnce(read.accounts, `${namespaceOf(object)}/${object.metadata.name}`, {
          object,
          automount: parsed.automountServiceAccountToken,
        });
      }
    } catch (error) {
      read.unreadable.push(unreadableOf(snapshot, object, error));
    }
  }
  return read;
}

function unreadableOf(snapshot: Snapshot, object: KubeObject, error: unknown): Unreadable {
  if (!(error instanceof InputError)) {
    throw error;
  }
  return { kind: object.kind, ref: refOf(snapshot, object), message: error.message };
}

function isRbac(object: KubeObject): boolean {
  return rbacKinds.has(object.kind) && object.apiVersion.startsWith(`${rbacGroup}/`);
}

export function namespaceOf(object: KubeObject): string {
  return object.metadata.namespace ?? defaultNamespace;
}

function describeObject(snapshot: Snapshot, object: KubeObject): string {
  const ref = refOf(snapshot, object);
  const namespace = object.kind.startsWith('Cluster') ? '' : `${namespaceOf(object)}/`;
  return `${object.kind} ${namespace}${object.metadata.name}${ref.origin ? ` (${ref.origin})` : ''}`;
}

/** The first object of a name wins; a second copy (the same manifest twice) adds nothing. */
function setOnce<T>(map: Map<string, T>, key: string, value: T): void {
  if (!map.has(key)) {
    map.set(key, value);
  }
}

function roleDef(
  snapshot: Snapshot,
  object: KubeObject,
  parsed: Pick<ClusterRole, 'rules' | 'aggregationRule'>,
  builtin = false
): RoleDef {
  const kind = object.kind === 'Role' ? 'Role' : 'ClusterRole';
  const selectors = parsed.aggregationRule
    ? (parsed.aggregationRule.clusterRoleSelectors ?? [])
    : undefined;
  const role: RoleDef = {
    kind,
    name: object.metadata.name,
    ...(kind === 'Role' ? { namespace: namespaceOf(object) } : {}),
    object,
    ref: refOf(snapshot, object),
    rules: parsed.rules ?? [],
    effective: [],
    ...(selectors !== undefined ? { aggregationSelectors: selectors } : {}),
    ...(builtin ? { builtin } : {}),
  };
  role.effective = role.rules.map((rule, index) => ({ rule, index, role }));
  return role;
}

/**
 * Fills in the effective rules of aggregated ClusterRoles: their own rules (which a live
 * cluster's controller has already filled) and the rules of every ClusterRole their selectors
 * reach, directly or through other aggregated roles (cycles included), each rule once.
 */
function aggregate(clusterRoles: ReadonlyMap<string, RoleDef>): void {
  for (const role of clusterRoles.values()) {
    if (role.aggregationSelectors === undefined) {
      continue;
    }
    const seen = new Set(role.rules.map((rule) => ruleKey(rule)));
    const effective = [...role.effective];
    const reached = new Set([role.name]);
    const queue: RoleDef[] = [role];
    for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
      const selectors = current.aggregationSelectors ?? [];
      for (const other of clusterRoles.values()) {
        if (reached.has(other.name) || !selectors.some((s) => selects(s, labelsOf(other)))) {
          continue;
        }
        reached.add(other.name);
        queue.push(other);
        other.rules.forEach((rule, index) => {
          const key = ruleKey(rule);
          if (!seen.has(key)) {
            seen.add(key);
            effective.push({ rule, index, role: other });
          }
        });
      }
    }
    role.effective = effective;
  }
}

function labelsOf(role: RoleDef): Record<string, string> {
  return role.object.metadata.labels ?? {};
}

function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([
    rule.apiGroups ?? [],
    rule.resources ?? [],
    rule.verbs,
    rule.resourceNames ?? [],
    rule.nonResourceURLs ?? [],
  ]);
}

/** Whether a label selector picks an object with these labels (an empty selector picks all). */
export function selects(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>
): boolean {
  const has = (key: string): boolean => Object.hasOwn(labels, key);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(key) || labels[key] !== value) {
      return false;
    }
  }
  return (selector.matchExpressions ?? []).every((requirement) => {
    const values = requirement.values ?? [];
    const present = has(requirement.key);
    switch (requirement.operator) {
      case 'In':
        return present && values.includes(labels[requirement.key] ?? '');
      case 'NotIn':
        return !present || !values.includes(labels[requirement.key] ?? '');
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        return false;
    }
  });
}

function bindingDef(
  snapshot: Snapshot,
  object: KubeObject,
  roleRef: RoleRef,
  roles: ReadonlyMap<string, RoleDef>,
  clusterRoles: ReadonlyMap<string, RoleDef>
): BindingDef {
  const kind = object.kind === 'RoleBinding' ? 'RoleBinding' : 'ClusterRoleBinding';
  const namespace = kind === 'RoleBinding' ? namespaceOf(object) : undefined;
  const binding: BindingDef = {
    kind,
    name: object.metadata.name,
    ...(namespace !== undefined ? { namespace } : {}),
    object,
    ref: refOf(snapshot, object),
    roleRef,
  };
  let role: RoleDef | undefined;
  if (roleRef.kind === 'ClusterRole') {
    role = clusterRoles.get(roleRef.name);
  } else if (roleRef.kind === 'Role' && namespace !== undefined) {
    role = roles.get(`${namespace}/${roleRef.name}`);
  } else {
    return {
      ...binding,
      problem: `its roleRef names a ${roleRef.kind}, which a ${kind} cannot refer to`,
    };
  }
  if (role === undefined) {
    const name = roleRef.kind === 'Role' ? `${namespace ?? ''}/${roleRef.name}` : roleRef.name;
    return { ...binding, problem: `${roleRef.kind} ${name} is not in the snapshot` };
  }
  return { ...binding, role };
}

/** Every grant that reaches the subject: its own, then those of its groups, marked `via` them. */
export function allGrants(subject: RbacSubject): Grant[] {
  return [...subject.grants, ...subject.groups.flatMap((group) => groupGrants(group))];
}

/** A group's grants as they reach its members. */
export function groupGrants(group: RbacSubject): Grant[] {
  return group.grants.map((grant) => ({ ...grant, via: `${group.kind} ${group.name}` }));
}

const serviceAccountUser = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** The groups every service account is in, besides its own. */
function accountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'];
}

/** Subjects by kind and name, created as bindings, accounts and pod templates name them. */
class Subjects {
  private readonly byKey = new Map<string, RbacSubject>();

  bind(binding: BindingDef, subject: Subject, notes: string[]): void {
    const grant: Grant = { binding, namespace: binding.namespace };
    const where = `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`;
    if (subject.kind === 'ServiceAccount') {
      const namespace = subject.namespace || binding.namespace;
      if (namespace === undefined) {
        notes.push(`${where}: ServiceAccount subject ${subject.name} has no namespace; skipped`);
        return;
      }
      this.serviceAccount(namespace, subject.name).grants.push(grant);
    } else if (subject.kind === 'User') {
      const account = serviceAccountUser.exec(subject.name);
      if (account?.[1] !== undefined && account[2] !== undefined) {
        this.serviceAccount(account[1], account[2]).grants.push({
          ...grant,
          via: `User ${subject.name}`,
        });
      } else {
        this.named('User', subject.name).grants.push(grant);
      }
    } else if (subject.kind === 'Group') {
      this.named('Group', subject.name).grants.push(grant);
    } else {
      notes.push(`${where}: subject ${subject.name} has unknown kind ${subject.kind}; skipped`);
    }
  }

  serviceAccount(namespace: string, name: string): RbacSubject {
    const key = `ServiceAccount:${namespace}/${name}`;
    let subject = this.byKey.get(key);
    if (subject === undefined) {
      subject = {
        kind: 'ServiceAccount',
        name,
        namespace,
        ref: { kind: 'ServiceAccount', name, namespace, apiVersion: 'v1' },
        grants: [],
        groups: [],
        workloads: [],
      };
      this.byKey.set(key, subject);
    }
    return subject;
  }

  private named(kind: 'User' | 'Group', name: string): RbacSubject {
    const key = `${kind}:${name}`;
    let subject = this.byKey.get(key);
    if (subject === undefined) {
      subject = { kind, name, ref: { kind, name }, grants: [], groups: [], workloads: [] };
      this.byKey.set(key, subject);
    }
    return subject;
  }

  /** Links each service account to the groups it is a member of that bindings name. */
  linkGroups(): void {
    for (const subject of this.byKey.values()) {
      if (subject.kind !== 'ServiceAccount' || subject.namespace === undefined) {
        continue;
      }
      for (const name of accountGroups(subject.namespace)) {
        const group = this.byKey.get(`Group:${name}`);
        if (group !== undefined) {
          subject.groups.push(group);
        }
      }
    }
  }

  sorted(): RbacSubject[] {
    const order: Record<SubjectKind, number> = { User: 0, Group: 1, ServiceAccount: 2 };
    return [...this.byKey.values()].sort(
      (a, b) =>
        order[a.kind] - order[b.kind] ||
        (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
        a.name.localeCompare(b.name)
    );
  }
}
