import type { Severity } from '../../../core/finding.js';
import type { Check, CheckResult } from '../../check/types.js';
import type { PolicyRule } from '../../kube/rbac-objects.js';
import type { Snapshot } from '../../snapshot/types.js';
import { cis } from './catalog.js';
import { rbacModel, type RoleDef } from './resolve.js';

/**
 * CIS 4.1.3: one result per Role or ClusterRole, failing when a rule has `*` in apiGroups,
 * resources (`*` or `*\/subresource`) or verbs. A role judges its own rules only: the rules an
 * aggregated ClusterRole collects are judged in the roles they are written in. A role that does
 * not parse is `manual`: what it grants is unknown.
 */
export function wildcardCheck(spec: {
  id: string;
  title: string;
  severity: Severity;
  kind: RoleDef['kind'];
  remediation: string;
}): Check {
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    controls: [cis('4.1.3')],
    remediation: spec.remediation,
    run(snapshot: Snapshot): CheckResult[] {
      const model = rbacModel(snapshot);
      const results: CheckResult[] = model.roles
        .filter((role) => role.kind === spec.kind)
        .map((role) => {
          const found = role.rules.flatMap((rule, index) => {
            const fields = wildcardFields(rule);
            return fields.length === 0
              ? []
              : [`rules[${index}]: ${fields.join(', ')}${limit(rule)}`];
          });
          return found.length === 0
            ? { status: 'pass', resource: role.ref, reason: passReason(role) }
            : { status: 'fail', resource: role.ref, reason: found.join('; ') };
        });
      for (const item of model.unreadable.filter((entry) => entry.kind === spec.kind)) {
        results.push({
          status: 'manual',
          resource: item.ref,
          reason: `the ${spec.kind} could not be read, so its rules are unknown: ${item.message}`,
        });
      }
      return results;
    },
  };
}

/** `apiGroups *`, `resources *, *\/scale`, `verbs *`: the fields of a rule that hold wildcards. */
export function wildcardFields(rule: PolicyRule): string[] {
  const fields: string[] = [];
  const groups = (rule.apiGroups ?? []).filter((group) => group === '*');
  const resources = (rule.resources ?? []).filter((r) => r === '*' || r.startsWith('*/'));
  const verbs = rule.verbs.filter((verb) => verb === '*');
  if (groups.length > 0) {
    fields.push(`apiGroups ${groups.join(', ')}`);
  }
  if (resources.length > 0) {
    fields.push(`resources ${resources.join(', ')}`);
  }
  if (verbs.length > 0) {
    fields.push(`verbs ${verbs.join(', ')}`);
  }
  return fields;
}

function limit(rule: PolicyRule): string {
  const names = rule.resourceNames ?? [];
  return names.length > 0 ? ` (narrower: only resourceNames ${names.join(', ')})` : '';
}

function passReason(role: RoleDef): string {
  const base =
    role.rules.length === 0
      ? 'it has no rules of its own'
      : 'no rule has * in apiGroups, resources or verbs';
  return role.aggregationSelectors !== undefined
    ? `${base} (the rules it aggregates are judged in the ClusterRoles that hold them)`
    : base;
}
