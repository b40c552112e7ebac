import type { AuditRule } from '../rule/types.js';
import {
  bindingOf,
  describeBinding,
  describeRoleRef,
  describeSubjects,
  type SubjectView,
} from '../rule/access-bindings.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, didVerb } from '../rule/access-request.js';

function isAnonymousSubject(subject: SubjectView): boolean {
  return (
    (subject.kind === 'User' && subject.name === 'system:anonymous') ||
    (subject.kind === 'Group' && subject.name === 'system:unauthenticated')
  );
}

/**
 * The bootstrap binding of this role to `system:unauthenticated` opens the health and version
 * endpoints to load balancers; a person re-creating it grants nothing new.
 */
const publicInfoRole = 'system:public-info-viewer';

/** A binding that lets requests without credentials do what the role allows. */
export const rule: AuditRule = {
  id: 'anonymous-access-granted',
  title: 'Anonymous access granted by a role binding',
  description:
    'A RoleBinding or ClusterRoleBinding was created or updated with the user system:anonymous ' +
    'or the group system:unauthenticated as a subject. Anyone who can reach the API server can ' +
    'then use the bound role without credentials.',
  severity: 'high',
  mitre: ['T1098.006', 'T1078.001'],
  equivalents: { guardduty: ['Policy:Kubernetes/AnonymousAccessGranted'] },
  on: {
    resources: ['clusterrolebindings', 'rolebindings'],
    verbs: ['create', 'update', 'patch'],
  },
  evaluate(event) {
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const binding = bindingOf(event);
    if (binding === undefined) {
      return undefined;
    }
    if (binding.roleRef.kind === 'ClusterRole' && binding.roleRef.name === publicInfoRole) {
      return undefined;
    }
    const anonymous = binding.subjects.filter(isAnonymousSubject);
    if (anonymous.length === 0) {
      return undefined;
    }
    return {
      message:
        `${actorOf(event)} ${didVerb(event)} ${describeBinding(binding)}, granting ` +
        `${describeRoleRef(binding)} to ${describeSubjects(anonymous)}: unauthenticated ` +
        'requests now hold that role.',
      fields: {
        binding: describeBinding(binding),
        role: describeRoleRef(binding),
        subjects: describeSubjects(anonymous),
      },
    };
  },
};
