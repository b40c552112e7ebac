import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alert.js';
import { alertExceptionMatcher } from './alert-match.js';
import type { DetectionException } from './types.js';

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    rule: 'pod-exec',
    kind: 'rule',
    title: 'Exec into a pod',
    severity: 'medium',
    mitre: ['T1609'],
    equivalents: {},
    message: 'exec',
    cluster: 'prod',
    identity: {
      username: 'system:serviceaccount:ci:deployer',
      groups: ['system:serviceaccounts', 'system:authenticated'],
      serviceAccount: { namespace: 'ci', name: 'deployer' },
    },
    sourceIPs: ['10.0.0.1'],
    userAgent: 'kubectl/v1.30.0',
    object: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-1' },
    evidence: { auditIDs: ['x'], fields: { image: 'registry.example/shop/web:1, busybox:1' } },
    firstSeen: '2025-01-01T00:00:00.000Z',
    lastSeen: '2025-01-01T00:00:00.000Z',
    count: 1,
    ...overrides,
  };
}

const matches = (exception: Omit<DetectionException, 'reason' | 'origin'>, target = alert()) =>
  alertExceptionMatcher({ ...exception, reason: 'r', origin: 'test' }).matches(target);

describe('alertExceptionMatcher', () => {
  it('matches each dimension on what the alert kept', () => {
    expect(matches({ rules: ['pod-*'] })).toBe(true);
    expect(matches({ users: ['system:serviceaccount:ci:*'] })).toBe(true);
    expect(matches({ groups: ['system:serviceaccounts'] })).toBe(true);
    expect(matches({ serviceAccounts: ['ci/*'] })).toBe(true);
    expect(matches({ namespaces: ['shop'] })).toBe(true);
    expect(matches({ resources: ['pods/exec'] })).toBe(true);
    expect(matches({ names: ['web-*'] })).toBe(true);
    expect(matches({ userAgents: ['kubectl/*'] })).toBe(true);
    expect(matches({ images: ['registry.example/*', 'busybox:*'] })).toBe(true);
  });

  it('needs every dimension given to match', () => {
    expect(matches({ rules: ['pod-exec'], namespaces: ['kube-system'] })).toBe(false);
    expect(matches({ resources: ['pods'] })).toBe(false);
    expect(
      matches({ serviceAccounts: ['ci/*'] }, alert({ identity: { username: 'alice', groups: [] } }))
    ).toBe(false);
    expect(matches({ names: ['web-*'] }, alert({ object: { resource: 'pods' } }))).toBe(false);
    expect(matches({ resources: ['*'] }, alert({ object: undefined }))).toBe(false);
  });

  it('treats a glob character of the alert as literal, and covers every image or none', () => {
    expect(
      matches({ names: ['web-1'] }, alert({ object: { resource: 'pods', name: 'web.1' } }))
    ).toBe(false);
    expect(matches({ images: ['registry.example/*'] })).toBe(false);
    const many = alert({ evidence: { auditIDs: [], fields: { image: 'a, b (+3 more)' } } });
    expect(matches({ images: ['*'] }, many)).toBe(false);
    expect(matches({ images: ['*'] }, alert({ evidence: { auditIDs: [], fields: {} } }))).toBe(
      false
    );
  });
});
