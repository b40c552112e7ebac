import type { AuditEvent } from '../audit/event.js';
import { workloadResources } from '../audit/fields.js';

/**
 * What a call is for, as an attacker would use it: the tactic GuardDuty puts first in the names
 * of its per-caller findings (`Discovery:Kubernetes/TorIPCaller`). Judged from the verb and the
 * resource alone, so every rule that reports "who called" (anonymous, Tor, malicious IP) names
 * the same category for the same call.
 */
export type ApiCategory =
  | 'Discovery'
  | 'CredentialAccess'
  | 'Persistence'
  | 'Impact'
  | 'DefenseEvasion'
  | 'PrivilegeEscalation'
  | 'Execution';

const readVerbs: ReadonlySet<string> = new Set(['get', 'list', 'watch', 'head', 'options']);

/** Subresources that reach into a running pod or node: commands, streams, the kubelet API. */
const executionSubresources: ReadonlySet<string> = new Set([
  'exec',
  'attach',
  'portforward',
  'proxy',
  'ephemeralcontainers',
]);

/** Creates that ask "what may I do": reconnaissance, even though the verb is create. */
const reviewResources: ReadonlySet<string> = new Set([
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'selfsubjectreviews',
  'subjectaccessreviews',
  'localsubjectaccessreviews',
  'tokenreviews',
]);

const rbacResources: ReadonlySet<string> = new Set([
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
]);

/** Objects whose removal or change hides activity or lifts a control. */
const defenseResources: ReadonlySet<string> = new Set([
  'events',
  'networkpolicies',
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
]);

/** Objects whose creation or change outlives the session: scheduled work, identities, hooks. */
const persistenceResources: ReadonlySet<string> = new Set([
  'cronjobs',
  'serviceaccounts',
  'secrets',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'customresourcedefinitions',
  'nodes',
]);

const privilegeVerbs: ReadonlySet<string> = new Set(['impersonate', 'escalate', 'bind']);

/**
 * The category of a call:
 * - Execution: exec, attach, port-forward, proxy and ephemeral containers, whatever the verb;
 *   creating or changing a workload's spec (CronJobs excepted: they are Persistence).
 * - CredentialAccess: reading secrets, requesting a service-account token, creating a CSR.
 * - Discovery: every other read, access and token reviews, non-resource reads (`/api`).
 * - DefenseEvasion: deleting events, network policies or admission webhooks and policies;
 *   writing events or network policies.
 * - Impact: any other delete, an update or patch of anything else, a non-resource write.
 * - PrivilegeEscalation: writing roles or bindings, approving a CSR, impersonate/escalate/bind.
 * - Persistence: writing CronJobs, service accounts, secrets, webhooks, CRDs, nodes; any other
 *   create.
 */
export function apiCategoryOf(event: AuditEvent): ApiCategory {
  const verb = event.verb.toLowerCase();
  const resource = event.objectRef?.resource;
  if (resource === undefined) {
    return readVerbs.has(verb) ? 'Discovery' : 'Impact';
  }
  const subresource = event.objectRef?.subresource ?? '';
  if (privilegeVerbs.has(verb)) {
    return 'PrivilegeEscalation';
  }
  if (executionSubresources.has(subresource)) {
    return 'Execution';
  }
  if (resource === 'secrets' && readVerbs.has(verb)) {
    return 'CredentialAccess';
  }
  if (reviewResources.has(resource) || readVerbs.has(verb)) {
    return 'Discovery';
  }
  if (verb === 'delete' || verb === 'deletecollection') {
    return defenseResources.has(resource) ? 'DefenseEvasion' : 'Impact';
  }
  return writeCategory(verb, resource, subresource);
}

function writeCategory(verb: string, resource: string, subresource: string): ApiCategory {
  if (rbacResources.has(resource)) {
    return 'PrivilegeEscalation';
  }
  if (resource === 'certificatesigningrequests') {
    return subresource === 'approval' ? 'PrivilegeEscalation' : 'CredentialAccess';
  }
  if (resource === 'serviceaccounts' && subresource === 'token') {
    return 'CredentialAccess';
  }
  if (resource === 'events' || resource === 'networkpolicies') {
    return 'DefenseEvasion';
  }
  if (persistenceResources.has(resource)) {
    return 'Persistence';
  }
  if (workloadResources.has(resource) && subresource === '') {
    return 'Execution';
  }
  return verb === 'create' ? 'Persistence' : 'Impact';
}

/** The GuardDuty per-caller findings that come in one type per category. */
export type GuardDutyCallerFinding =
  'SuccessfulAnonymousAccess' | 'TorIPCaller' | 'MaliciousIPCaller' | 'MaliciousIPCaller.Custom';

/**
 * GuardDuty documents these findings in five categories only. PrivilegeEscalation and Execution
 * calls are named under Persistence, the category GuardDuty describes as gaining persistent
 * access or higher permissions (our reading; GuardDuty publishes no per-API table).
 */
const guardDutyCategory: Record<ApiCategory, string> = {
  Discovery: 'Discovery',
  CredentialAccess: 'CredentialAccess',
  Persistence: 'Persistence',
  Impact: 'Impact',
  DefenseEvasion: 'DefenseEvasion',
  PrivilegeEscalation: 'Persistence',
  Execution: 'Persistence',
};

const guardDutyCategories = [
  'CredentialAccess',
  'DefenseEvasion',
  'Discovery',
  'Impact',
  'Persistence',
];

/** `Discovery:Kubernetes/TorIPCaller` for a Discovery call from a Tor exit node. */
export function guardDutyFinding(category: ApiCategory, finding: GuardDutyCallerFinding): string {
  return `${guardDutyCategory[category]}:Kubernetes/${finding}`;
}

/** Every documented type of the finding, for a rule's `equivalents.guardduty`. */
export function guardDutyFindingTypes(finding: GuardDutyCallerFinding): string[] {
  return guardDutyCategories.map((category) => `${category}:Kubernetes/${finding}`);
}
