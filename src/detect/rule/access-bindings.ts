import { isRecord } from '../../core/is-record.js';
import type { AuditEvent } from '../audit/event.js';
import { objectName, resultingObject } from '../audit/fields.js';

/** A RoleBinding or ClusterRoleBinding as the event's body tells it. */
export interface BindingView {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  roleRef: { kind: string; name: string };
  subjects: SubjectView[];
}

export interface SubjectView {
  /** `User`, `Group` or `ServiceAccount`. */
  kind: string;
  name: string;
  /** A ServiceAccount's namespace: the subject's, else the RoleBinding's. */
  namespace?: string;
}

const maxSubjects = 256;

/**
 * The binding a create, update or patch leaves, from `resultingObject` (the response body first).
 * Undefined when the body is missing, is a JSON-patch array, or has no usable roleRef: the rule
 * cannot judge what was granted.
 */
export function bindingOf(event: AuditEvent): BindingView | undefined {
  const resource = event.objectRef?.resource;
  const kind =
    resource === 'clusterrolebindings'
      ? 'ClusterRoleBinding'
      : resource === 'rolebindings'
        ? 'RoleBinding'
        : undefined;
  const body = resultingObject(event);
  const roleRef = body?.['roleRef'];
  if (kind === undefined || !isRecord(roleRef)) {
    return undefined;
  }
  const roleKind = roleRef['kind'];
  const roleName = roleRef['name'];
  if (typeof roleKind !== 'string' || typeof roleName !== 'string') {
    return undefined;
  }
  const namespace = kind === 'RoleBinding' ? namespaceOf(event, body) : undefined;
  const view: BindingView = {
    kind,
    name: objectName(event) ?? '(unnamed)',
    roleRef: { kind: roleKind, name: roleName },
    subjects: subjectsOf(body?.['subjects'], namespace),
  };
  if (namespace !== undefined) {
    view.namespace = namespace;
  }
  return view;
}

function namespaceOf(
  event: AuditEvent,
  body: Record<string, unknown> | undefined
): string | undefined {
  const fromRef = event.objectRef?.namespace;
  if (fromRef) {
    return fromRef;
  }
  const metadata = body?.['metadata'];
  const fromBody = isRecord(metadata) ? metadata['namespace'] : undefined;
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
}

function subjectsOf(value: unknown, bindingNamespace: string | undefined): SubjectView[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const subjects: SubjectView[] = [];
  for (const entry of value.slice(0, maxSubjects)) {
    if (
      !isRecord(entry) ||
      typeof entry['kind'] !== 'string' ||
      typeof entry['name'] !== 'string'
    ) {
      continue;
    }
    const subject: SubjectView = { kind: entry['kind'], name: entry['name'] };
    if (subject.kind === 'ServiceAccount') {
      const namespace =
        typeof entry['namespace'] === 'string' && entry['namespace'] !== ''
          ? entry['namespace']
          : bindingNamespace;
      if (namespace !== undefined) {
        subject.namespace = namespace;
      }
    }
    subjects.push(subject);
  }
  return subjects;
}

/** `User alice`, `Group ops`, `ServiceAccount ci/deployer`. */
export function describeSubject(subject: SubjectView): string {
  const name =
    subject.namespace !== undefined ? `${subject.namespace}/${subject.name}` : subject.name;
  return `${subject.kind} ${name}`;
}

/** Up to `shown` subjects, then a count: `User a, Group b and 3 more`; `no subjects` if none. */
export function describeSubjects(subjects: readonly SubjectView[], shown = 5): string {
  if (subjects.length === 0) {
    return 'no subjects';
  }
  const named = subjects.slice(0, shown).map(describeSubject).join(', ');
  const rest = subjects.length - shown;
  return rest > 0 ? `${named} and ${rest} more` : named;
}

/** `ClusterRoleBinding ops-admins`, `RoleBinding shop/deployers`. */
export function describeBinding(binding: BindingView): string {
  const name =
    binding.namespace !== undefined ? `${binding.namespace}/${binding.name}` : binding.name;
  return `${binding.kind} ${name}`;
}

/** `ClusterRole cluster-admin`. */
export function describeRoleRef(binding: BindingView): string {
  return `${binding.roleRef.kind} ${binding.roleRef.name}`;
}
