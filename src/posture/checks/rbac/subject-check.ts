import type { Severity } from '../../../core/finding.js';
import type { Check, CheckResult, ControlRef } from '../../check/types.js';
import type { Snapshot } from '../../snapshot/types.js';
import { brokenGrants, grantPath, scopeText, subjectLabel } from './describe.js';
import { aggregatedSources, permissionPhrases, type Permission } from './permissions.js';
import {
  groupGrants,
  privilegedNamespace,
  rbacModel,
  type BindingDef,
  type Grant,
  type RbacSubject,
} from './resolve.js';

/**
 * Which grants a subject check judges:
 * - `privileged`: cluster-wide ones and those in kube-system (whose secrets and service accounts
 *   run the cluster, so a grant there counts as one over the whole cluster);
 * - `namespaced`: those in any other namespace, for subjects the `privileged` sibling passes (a
 *   subject that holds the power cluster-wide is judged there, once);
 * - `any`: all of them (for cluster-scoped resources, which only a ClusterRoleBinding grants).
 */
export type GrantScope = 'privileged' | 'namespaced' | 'any';

export interface SubjectCheckSpec {
  id: string;
  title: string;
  severity: Severity;
  controls: readonly ControlRef[];
  remediation: string;
  scope: GrantScope;
  /** The power as a verb phrase for reasons: `get, list or watch secrets`. */
  power: string;
  /**
   * What one grant gives of the power, as phrases (`get, list secrets`); empty: nothing. It must
   * depend on the grant's binding only (the grant's scope is its binding's).
   */
  powers: (grant: Grant) => string[];
  /** The aggregated ClusterRoles the powers of a grant came from, for the reason. */
  sources?: (grant: Grant) => string[];
  /** A power that needs several permissions at once: whether these grants, together, hold it. */
  complete?: (grants: readonly Grant[]) => boolean;
}

/**
 * One result per subject (every user, group and service account a binding names, every
 * ServiceAccount object, every account a pod template runs as): `fail` naming each binding and
 * role that grants the power, the scope, and the workloads that run as the account. The group
 * system:masters passes every such check: RBAC does not decide what it may do.
 */
export function subjectCheck(spec: SubjectCheckSpec): Check {
  const complete = spec.complete ?? ((grants: readonly Grant[]) => grants.length > 0);
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    controls: spec.controls,
    remediation: spec.remediation,
    notes: (snapshot) => rbacModel(snapshot).notes,
    run(snapshot: Snapshot): CheckResult[] {
      const results: CheckResult[] = [];
      // What a grant gives depends on its binding alone, and a group's bindings reach every
      // account of the group: work each binding out once.
      const known = new Map<BindingDef, string[]>();
      const powers = (grant: Grant): string[] => {
        let found = known.get(grant.binding);
        if (found === undefined) {
          found = spec.powers(grant);
          known.set(grant.binding, found);
        }
        return found;
      };
      const groups = new Map<RbacSubject, Grant[]>();
      const heldByGroup = (group: RbacSubject): Grant[] => {
        let found = groups.get(group);
        if (found === undefined) {
          found = groupGrants(group).filter((grant) => powers(grant).length > 0);
          groups.set(group, found);
        }
        return found;
      };
      for (const subject of rbacModel(snapshot).subjects) {
        const label = subjectLabel(subject);
        const note = brokenGrants(subject);
        if (isMasters(subject)) {
          results.push({ status: 'pass', resource: subject.ref, reason: `${label}: ${masters}` });
          continue;
        }
        const held = [
          ...subject.grants.filter((grant) => powers(grant).length > 0),
          ...subject.groups.flatMap(heldByGroup),
        ];
        const privileged = held.filter(isPrivileged);
        if (spec.scope === 'namespaced' && complete(privileged)) {
          continue;
        }
        const fails = spec.scope === 'privileged' ? complete(privileged) : complete(held);
        results.push(
          fails
            ? {
                status: 'fail',
                resource: subject.ref,
                reason: `${label} ${clauses(spec, powers, [...privileged, ...held]).join('; ')}.${note}`,
              }
            : {
                status: 'pass',
                resource: subject.ref,
                reason: `${label} cannot ${spec.power}${passScope[spec.scope]}.${note}`,
              }
        );
      }
      return results;
    },
  };
}

const passScope: Record<GrantScope, string> = {
  privileged: ` cluster-wide or in ${privilegedNamespace}`,
  namespaced: ' in any namespace',
  any: '',
};

/** The group the API server allows everything before RBAC is asked: no binding changes it. */
export function isMasters(subject: RbacSubject): boolean {
  return subject.kind === 'Group' && subject.name === 'system:masters';
}

const masters =
  'the API server allows this group everything before RBAC is consulted (it is the group cluster-admin is meant for); who is in it is decided by credentials (client certificates, aws-auth), not by bindings.';

export function isPrivileged(grant: Grant): boolean {
  return grant.namespace === undefined || grant.namespace === privilegedNamespace;
}

/** `can get, list secrets cluster-wide via ClusterRoleBinding x → ClusterRole y`, each once. */
function clauses(
  spec: SubjectCheckSpec,
  powers: (grant: Grant) => string[],
  grants: readonly Grant[]
): string[] {
  const seen = new Set<string>();
  for (const grant of grants) {
    const sources = spec.sources?.(grant) ?? [];
    seen.add(
      `can ${powers(grant).join(' and ')} ${scopeText(grant)} via ${grantPath(grant, sources)}`
    );
  }
  return [...seen];
}

/** A subject check about permissions: the spec's `powers` and `sources` come from them. */
export function permissionCheck(
  spec: Omit<SubjectCheckSpec, 'powers' | 'sources'> & { permissions: readonly Permission[] }
): Check {
  const { permissions, ...rest } = spec;
  return subjectCheck({
    ...rest,
    powers: (grant) => permissionPhrases(grant, permissions),
    sources: (grant) => aggregatedSources(grant, permissions),
  });
}
