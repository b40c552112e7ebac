import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../src/detect/audit/event.js';
import type { RuleContext, ThreatIntel } from '../../src/detect/rule/types.js';

/**
 * Real-shaped `audit.k8s.io/v1` events for detection tests, written the way an EKS API server
 * writes them (microsecond timestamps, the IAM ARN in `user.extra`, a 201 for a create). Each
 * builder takes what the test cares about; the rest is filled in.
 */
export type EventFields = Partial<Omit<AuditEvent, 'objectRef'>> & {
  objectRef?: AuditEvent['objectRef'];
};

let clock = Date.parse('2026-11-02T09:00:00.000Z');

/** A fresh microsecond timestamp, one millisecond after the last one handed out. */
export function nextTimestamp(): string {
  clock += 1;
  return new Date(clock).toISOString().replace('Z', '000Z');
}

const admin = {
  username: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
  uid: 'aws-iam-authenticator:111122223333:AROAEXAMPLE',
  groups: ['system:masters', 'system:authenticated'],
  extra: {
    accessKeyId: ['ASIAEXAMPLEKEY'],
    arn: ['arn:aws:sts::111122223333:assumed-role/Admin/alice'],
    canonicalArn: ['arn:aws:iam::111122223333:role/Admin'],
    sessionName: ['alice'],
  },
};

/** A successful request by a human administrator (an IAM role mapped to system:masters). */
export function auditEvent(fields: EventFields = {}): AuditEvent {
  const time = fields.stageTimestamp ?? nextTimestamp();
  const verb = fields.verb ?? 'get';
  const ref = fields.objectRef ?? {
    resource: 'pods',
    namespace: 'default',
    name: 'web',
    apiVersion: 'v1',
  };
  const path = ref.namespace
    ? `/api/v1/namespaces/${ref.namespace}/${ref.resource ?? ''}${ref.name ? `/${ref.name}` : ''}`
    : `/api/v1/${ref.resource ?? ''}${ref.name ? `/${ref.name}` : ''}`;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: path,
    verb,
    user: admin,
    sourceIPs: ['203.0.113.10'],
    userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
    objectRef: ref,
    responseStatus: { code: verb === 'create' ? 201 : 200 },
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': '',
    },
    ...fields,
  };
}

/** The user of a service account, as the API server names it. */
export function serviceAccountUser(namespace: string, name: string): AuditEvent['user'] {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    uid: randomUUID(),
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
    extra: {
      'authentication.kubernetes.io/pod-name': [`${name}-7d9c8b6f5-x2x4k`],
      'authentication.kubernetes.io/pod-uid': [randomUUID()],
    },
  };
}

export const anonymousUser: AuditEvent['user'] = {
  username: 'system:anonymous',
  groups: ['system:unauthenticated'],
};

/** A create of `resource` in `namespace` whose body is `object` (logged at RequestResponse). */
export function createEvent(
  resource: string,
  object: Record<string, unknown>,
  fields: EventFields = {}
): AuditEvent {
  const metadata = (object['metadata'] ?? {}) as { name?: string; namespace?: string };
  const apiGroup = groupOf[resource];
  return auditEvent({
    verb: 'create',
    objectRef: {
      resource,
      ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}),
      ...(metadata.name !== undefined ? { name: metadata.name } : {}),
      ...(apiGroup !== undefined ? { apiGroup, apiVersion: 'v1' } : { apiVersion: 'v1' }),
    },
    requestObject: object,
    responseObject: object,
    ...fields,
  });
}

const groupOf: Record<string, string> = {
  deployments: 'apps',
  daemonsets: 'apps',
  statefulsets: 'apps',
  replicasets: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  ingresses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
};

/** A Pod object with one container `app`; `container` is merged into it. */
export function podObject(
  name: string,
  namespace: string,
  spec: Record<string, unknown> = {},
  container: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      containers: [{ name: 'app', image: 'registry.example/shop/web:1.4.2', ...container }],
      ...spec,
    },
  };
}

/** A Deployment whose template is `podObject`'s spec. */
export function deploymentObject(
  name: string,
  namespace: string,
  spec: Record<string, unknown> = {},
  container: Record<string, unknown> = {}
): Record<string, unknown> {
  const pod = podObject(name, namespace, spec, container);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: pod['spec'] },
    },
  };
}

export interface IntelLists {
  tor?: string[];
  malicious?: string[];
  miners?: string[];
}

/** Exact-match threat intelligence for rule tests (the real lists are in src/detect/intel). */
export function intelOf(lists: IntelLists = {}): ThreatIntel {
  return {
    torExit: (ip) => (lists.tor?.includes(ip) ? 'tor-exits' : undefined),
    maliciousIp: (ip) => (lists.malicious?.includes(ip) ? 'custom:test' : undefined),
    minerImage: (image) => lists.miners?.find((entry) => image.includes(entry)),
  };
}

export const noIntel: RuleContext = { intel: intelOf() };
