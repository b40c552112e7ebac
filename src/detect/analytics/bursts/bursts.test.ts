import { describe, expect, it } from 'vitest';
import {
  auditEvent,
  serviceAccountUser,
  type EventFields,
} from '../../../../test/harness/audit-events.js';
import type { AuditEvent } from '../../audit/event.js';
import type { BehaviourFinding } from '../types.js';
import { createBursts } from './bursts.js';

const start = Date.parse('2026-11-02T09:00:00.000Z');
const second = 1000;
const minute = 60 * second;

function at(offset: number, fields: EventFields): AuditEvent {
  const time = new Date(start + offset).toISOString().replace('Z', '000Z');
  return auditEvent({ requestReceivedTimestamp: time, stageTimestamp: time, ...fields });
}

const stolen = serviceAccountUser('shop', 'web');
const other = serviceAccountUser('shop', 'worker');

function refused(user: AuditEvent['user'], namespace = 'kube-system'): EventFields {
  return {
    user,
    verb: 'list',
    objectRef: { resource: 'secrets', namespace },
    responseStatus: { code: 403, reason: 'Forbidden', status: 'Failure' },
  };
}

function review(user: AuditEvent['user'], resource = 'selfsubjectaccessreviews'): EventFields {
  return {
    user,
    verb: 'create',
    objectRef: { resource, apiGroup: 'authorization.k8s.io', apiVersion: 'v1' },
    responseStatus: { code: 201 },
  };
}

function secretGet(user: AuditEvent['user'], namespace: string): EventFields {
  return { user, verb: 'get', objectRef: { resource: 'secrets', namespace, name: 'token' } };
}

function ids(findings: BehaviourFinding[]): string[] {
  return findings.map((finding) => finding.detection.id);
}

describe('forbidden-burst', () => {
  it('fires once when the threshold is crossed, about the identity', () => {
    const bursts = createBursts();
    const findings: BehaviourFinding[][] = [];
    for (let index = 0; index < 25; index += 1) {
      findings.push(bursts.observe(at(index * second, refused(stolen))));
    }
    expect(findings.findIndex((found) => found.length > 0)).toBe(19);
    expect(findings.flat()).toHaveLength(1);
    const [finding] = findings.flat();
    expect(finding?.detection.id).toBe('forbidden-burst');
    expect(finding?.kind).toBe('burst');
    expect(finding?.object).toBeNull();
    expect(finding?.match.message).toBe(
      'system:serviceaccount:shop:web was refused (403 Forbidden) 20 times within 5 minutes; the latest: list secrets (kube-system)'
    );
    expect(finding?.match.fields).toEqual({
      count: '20',
      window: '5 minutes',
      refused: 'list secrets (kube-system)',
    });
  });

  it('names the latest distinct refused operations', () => {
    const bursts = createBursts({ forbiddenThreshold: 6 });
    const namespaces = ['a', 'b', 'c', 'd', 'e', 'f'];
    const findings = namespaces.flatMap((namespace, index) =>
      bursts.observe(at(index * second, refused(stolen, namespace)))
    );
    expect(ids(findings)).toEqual(['secrets-enumeration', 'forbidden-burst']);
    expect(findings[1]?.match.fields['refused']).toBe(
      'list secrets (b), list secrets (c), list secrets (d), list secrets (e), list secrets (f)'
    );
  });

  it('stays quiet for a slower trickle under the threshold', () => {
    const bursts = createBursts();
    const findings: BehaviourFinding[] = [];
    // 19 per window at most: one every 16 seconds.
    for (let index = 0; index < 200; index += 1) {
      findings.push(...bursts.observe(at(index * 16 * second, refused(stolen))));
    }
    expect(findings).toEqual([]);
  });

  it('counts interleaved identities separately', () => {
    const bursts = createBursts();
    const findings: BehaviourFinding[] = [];
    for (let index = 0; index < 20; index += 1) {
      findings.push(...bursts.observe(at(index * second, refused(stolen))));
      if (index < 19) {
        findings.push(...bursts.observe(at(index * second + 500, refused(other))));
      }
    }
    expect(findings.map((finding) => finding.match.message.split(' ')[0])).toEqual([
      'system:serviceaccount:shop:web',
    ]);
  });

  it('re-arms only after the window has passed', () => {
    const bursts = createBursts({ windowMs: 5 * minute, forbiddenThreshold: 20 });
    const fired: number[] = [];
    // A sustained sweep: one refusal every 3 seconds for 12 minutes.
    for (let offset = 0; offset <= 12 * minute; offset += 3 * second) {
      if (bursts.observe(at(offset, refused(stolen))).length > 0) {
        fired.push(offset);
      }
    }
    expect(fired).toEqual([57 * second, 57 * second + 5 * minute, 57 * second + 10 * minute]);
  });

  it('ignores other failures', () => {
    const bursts = createBursts({ forbiddenThreshold: 2 });
    const unauthorized = { ...refused(stolen), responseStatus: { code: 401 } };
    const missing = { ...refused(stolen), responseStatus: { code: 404 } };
    expect([
      ...bursts.observe(at(0, unauthorized)),
      ...bursts.observe(at(1, missing)),
      ...bursts.observe(at(2, unauthorized)),
    ]).toEqual([]);
  });
});

describe('permission-check-burst', () => {
  it('fires at the threshold, naming the kinds of review', () => {
    const bursts = createBursts();
    const findings: BehaviourFinding[] = [];
    for (let index = 0; index < 15; index += 1) {
      const resource = index % 2 === 0 ? 'selfsubjectaccessreviews' : 'selfsubjectrulesreviews';
      findings.push(...bursts.observe(at(index * second, review(stolen, resource))));
    }
    expect(ids(findings)).toEqual(['permission-check-burst']);
    expect(findings[0]?.match.message).toBe(
      'system:serviceaccount:shop:web checked permissions 15 times within 5 minutes (selfsubjectrulesreviews, selfsubjectaccessreviews)'
    );
    expect(findings[0]?.object).toBeNull();
  });

  it('stays quiet one short of the threshold, and for reads of reviews', () => {
    const bursts = createBursts();
    const findings: BehaviourFinding[] = [];
    for (let index = 0; index < 14; index += 1) {
      findings.push(...bursts.observe(at(index * second, review(stolen, 'subjectaccessreviews'))));
    }
    findings.push(...bursts.observe(at(20 * second, { ...review(stolen), verb: 'get' })));
    expect(findings).toEqual([]);
  });

  it('leaves the control plane out', () => {
    const bursts = createBursts({ permissionCheckThreshold: 2 });
    const manager = { username: 'system:kube-controller-manager', groups: [] };
    const findings = [0, 1, 2].flatMap((index) =>
      bursts.observe(at(index, review(manager, 'subjectaccessreviews')))
    );
    expect(findings).toEqual([]);
  });
});

describe('secrets-enumeration', () => {
  it('fires when secrets are read in many namespaces within the window', () => {
    const bursts = createBursts();
    const namespaces = ['shop', 'shop', 'billing', 'auth', 'kube-system', 'monitoring', 'ci'];
    const findings = namespaces.flatMap((namespace, index) =>
      bursts.observe(at(index * 10 * second, secretGet(stolen, namespace)))
    );
    expect(ids(findings)).toEqual(['secrets-enumeration']);
    expect(findings[0]?.match.message).toBe(
      'system:serviceaccount:shop:web listed or read secrets in 5 namespaces within 5 minutes: shop, billing, auth, kube-system, monitoring'
    );
    expect(findings[0]?.object).toBeNull();
  });

  it('stays quiet for reads that stay in few namespaces, or spread over more than the window', () => {
    const bursts = createBursts();
    const findings: BehaviourFinding[] = [];
    for (let index = 0; index < 100; index += 1) {
      findings.push(...bursts.observe(at(index * second, secretGet(stolen, `ns-${index % 4}`))));
    }
    for (let index = 0; index < 10; index += 1) {
      findings.push(...bursts.observe(at(index * 2 * minute, secretGet(other, `team-${index}`))));
    }
    expect(findings).toEqual([]);
  });

  it('counts a cluster-wide list as every namespace at once, refused or not', () => {
    const bursts = createBursts();
    const list = { user: stolen, verb: 'list', objectRef: { resource: 'secrets' } };
    const allowed = bursts.observe(at(0, list));
    expect(ids(allowed)).toEqual(['secrets-enumeration']);
    expect(allowed[0]?.match.message).toBe(
      'system:serviceaccount:shop:web listed secrets across all namespaces'
    );
    const denied = bursts.observe(at(0, { ...list, user: other, responseStatus: { code: 403 } }));
    expect(denied.map((finding) => finding.match.message)).toEqual([
      'system:serviceaccount:shop:worker listed secrets across all namespaces (answered 403)',
    ]);
  });

  it('does not count watches, writes or the control plane', () => {
    const bursts = createBursts();
    const findings = [
      ...bursts.observe(at(0, { user: stolen, verb: 'watch', objectRef: { resource: 'secrets' } })),
      ...bursts.observe(
        at(1, { user: stolen, verb: 'create', objectRef: { resource: 'secrets', namespace: 'a' } })
      ),
      ...bursts.observe(
        at(2, {
          user: serviceAccountUser('kube-system', 'generic-garbage-collector'),
          verb: 'list',
          objectRef: { resource: 'secrets' },
        })
      ),
    ];
    expect(findings).toEqual([]);
  });
});

describe('bursts memory', () => {
  it('forgets the least recently seen identity beyond the cap', () => {
    const bursts = createBursts({ forbiddenThreshold: 3, maxIdentities: 2 });
    const third = serviceAccountUser('shop', 'third');
    bursts.observe(at(0, refused(stolen)));
    bursts.observe(at(1, refused(stolen)));
    bursts.observe(at(2, refused(other)));
    bursts.observe(at(3, refused(third)));
    // `stolen` was dropped for `third`: its third refusal starts a new count.
    expect(bursts.observe(at(4, refused(stolen)))).toEqual([]);
    bursts.observe(at(5, refused(third)));
    expect(ids(bursts.observe(at(6, refused(third))))).toEqual(['forbidden-burst']);
  });

  it('has nothing to save', async () => {
    await expect(createBursts().save()).resolves.toBeUndefined();
  });

  it('ignores an event whose time does not parse', () => {
    const bursts = createBursts({ secretNamespacesThreshold: 1 });
    expect(bursts.observe(at(0, { ...secretGet(stolen, 'a'), stageTimestamp: 'later' }))).toEqual(
      []
    );
  });
});
