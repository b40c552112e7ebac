import type { ResourceRef } from '../../snapshot/types.js';
import { allGrants, type BindingDef, type Grant, type RbacSubject } from './resolve.js';

/** How many workloads a reason names before it counts the rest. */
const workloadsNamed = 5;

/** `ServiceAccount ci/deployer (used by Deployment ci/runner, CronJob ci/nightly)`, `Group devs`. */
export function subjectLabel(subject: RbacSubject): string {
  const name =
    subject.namespace !== undefined ? `${subject.namespace}/${subject.name}` : subject.name;
  const label = `${subject.kind} ${name}`;
  if (subject.workloads.length === 0) {
    return label;
  }
  const named = subject.workloads
    .slice(0, workloadsNamed)
    .map(
      (workload) =>
        `${refLabel(workload.ref)}${workload.tokenMounted ? '' : ' (token not mounted)'}`
    );
  const more = subject.workloads.length - named.length;
  return `${label} (used by ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}

/** `Deployment ci/runner`, `ClusterRole admin`. */
export function refLabel(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace !== undefined ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function bindingLabel(binding: BindingDef): string {
  return `${binding.kind} ${binding.namespace !== undefined ? `${binding.namespace}/` : ''}${binding.name}`;
}

/**
 * `ClusterRoleBinding x (to Group system:serviceaccounts) → ClusterRole y (with rules of
 * aggregated ClusterRole z)`.
 */
export function grantPath(grant: Grant, aggregated: readonly string[] = []): string {
  const binding = grant.binding;
  const role =
    binding.roleRef.kind === 'Role' && binding.namespace !== undefined
      ? `Role ${binding.namespace}/${binding.roleRef.name}`
      : `${binding.roleRef.kind} ${binding.roleRef.name}`;
  const builtin = binding.role?.builtin === true ? ' (built-in; not in the snapshot)' : '';
  const via = grant.via !== undefined ? ` (to ${grant.via})` : '';
  const sources =
    aggregated.length > 0 ? ` (with rules of aggregated ${aggregated.join(', ')})` : '';
  return `${bindingLabel(binding)}${via} → ${role}${builtin}${sources}`;
}

/** `cluster-wide` or `in namespace ci`. */
export function scopeText(grant: Grant): string {
  return grant.namespace === undefined ? 'cluster-wide' : `in namespace ${grant.namespace}`;
}

/**
 * The subject's bindings that grant nothing (a missing role, an invalid roleRef), as a sentence
 * to append to its reasons, or `''`: a verdict may change once the role exists.
 */
export function brokenGrants(subject: RbacSubject): string {
  let note = notes.get(subject);
  if (note === undefined) {
    note = brokenNote(subject);
    notes.set(subject, note);
  }
  return note;
}

/** Worked out once per subject of a model: every check of the family asks. */
const notes = new WeakMap<RbacSubject, string>();

function brokenNote(subject: RbacSubject): string {
  const broken = allGrants(subject).filter((grant) => grant.binding.problem !== undefined);
  if (broken.length === 0) {
    return '';
  }
  const listed = broken.map(
    (grant) =>
      `${bindingLabel(grant.binding)}${grant.via !== undefined ? ` (to ${grant.via})` : ''} grants nothing: ${grant.binding.problem ?? ''}`
  );
  return ` Note: ${[...new Set(listed)].join('; ')}.`;
}
