import { describe, expect, it } from 'vitest';
import { auditEvent } from '../../../test/harness/audit-events.js';
import type { AuditEvent } from '../audit/event.js';
import {
  apiCategoryOf,
  guardDutyFinding,
  guardDutyFindingTypes,
  type ApiCategory,
} from './access-api-category.js';

function call(verb: string, resource?: string, subresource?: string): AuditEvent {
  const event = auditEvent({
    verb,
    objectRef: {
      resource: resource ?? 'pods',
      namespace: 'shop',
      ...(subresource !== undefined ? { subresource } : {}),
    },
  });
  if (resource === undefined) {
    delete event.objectRef;
    event.requestURI = '/api';
  }
  return event;
}

describe('apiCategoryOf', () => {
  const cases: [string, AuditEvent, ApiCategory][] = [
    ['a non-resource read', call('get'), 'Discovery'],
    ['a non-resource write', call('post'), 'Impact'],
    ['listing pods', call('list', 'pods'), 'Discovery'],
    ['a permission check', call('create', 'selfsubjectrulesreviews'), 'Discovery'],
    ['reading a secret', call('get', 'secrets'), 'CredentialAccess'],
    ['watching secrets', call('watch', 'secrets'), 'CredentialAccess'],
    ['requesting a token', call('create', 'serviceaccounts', 'token'), 'CredentialAccess'],
    ['creating a CSR', call('create', 'certificatesigningrequests'), 'CredentialAccess'],
    ['exec', call('create', 'pods', 'exec'), 'Execution'],
    ['WebSocket exec', call('get', 'pods', 'exec'), 'Execution'],
    ['the kubelet API', call('get', 'nodes', 'proxy'), 'Execution'],
    ['creating a pod', call('create', 'pods'), 'Execution'],
    ['patching a deployment', call('patch', 'deployments'), 'Execution'],
    ['patching a pod status', call('patch', 'pods', 'status'), 'Impact'],
    ['creating a cronjob', call('create', 'cronjobs'), 'Persistence'],
    ['creating a service account', call('create', 'serviceaccounts'), 'Persistence'],
    ['a mutating webhook', call('create', 'mutatingwebhookconfigurations'), 'Persistence'],
    ['creating a configmap', call('create', 'configmaps'), 'Persistence'],
    ['binding a role', call('create', 'clusterrolebindings'), 'PrivilegeEscalation'],
    [
      'approving a CSR',
      call('update', 'certificatesigningrequests', 'approval'),
      'PrivilegeEscalation',
    ],
    ['impersonating', call('impersonate', 'users'), 'PrivilegeEscalation'],
    ['deleting events', call('deletecollection', 'events'), 'DefenseEvasion'],
    ['deleting a webhook', call('delete', 'validatingwebhookconfigurations'), 'DefenseEvasion'],
    ['loosening a network policy', call('patch', 'networkpolicies'), 'DefenseEvasion'],
    ['deleting a namespace', call('delete', 'namespaces'), 'Impact'],
    ['deleting a secret', call('delete', 'secrets'), 'Impact'],
    ['updating a configmap', call('update', 'configmaps'), 'Impact'],
  ];
  it.each(cases)('files %s under its category', (_name, event, category) => {
    expect(apiCategoryOf(event)).toBe(category);
  });

  it('reads upper-case verbs as lower case', () => {
    expect(apiCategoryOf(call('GET', 'secrets'))).toBe('CredentialAccess');
  });
});

describe('guardDutyFinding', () => {
  it('names the documented type of the category', () => {
    expect(guardDutyFinding('Discovery', 'TorIPCaller')).toBe('Discovery:Kubernetes/TorIPCaller');
    expect(guardDutyFinding('CredentialAccess', 'MaliciousIPCaller.Custom')).toBe(
      'CredentialAccess:Kubernetes/MaliciousIPCaller.Custom'
    );
  });

  it('names Persistence for the categories GuardDuty has no type of', () => {
    expect(guardDutyFinding('PrivilegeEscalation', 'SuccessfulAnonymousAccess')).toBe(
      'Persistence:Kubernetes/SuccessfulAnonymousAccess'
    );
    expect(guardDutyFinding('Execution', 'TorIPCaller')).toBe('Persistence:Kubernetes/TorIPCaller');
  });

  it('lists every documented type, each one a chosen finding can be', () => {
    const types = guardDutyFindingTypes('SuccessfulAnonymousAccess');
    expect(types).toHaveLength(5);
    const categories: ApiCategory[] = [
      'Discovery',
      'CredentialAccess',
      'Persistence',
      'Impact',
      'DefenseEvasion',
      'PrivilegeEscalation',
      'Execution',
    ];
    for (const category of categories) {
      expect(types).toContain(guardDutyFinding(category, 'SuccessfulAnonymousAccess'));
    }
  });
});
