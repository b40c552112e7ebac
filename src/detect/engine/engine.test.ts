import { describe, expect, it } from 'vitest';
import {
  auditEvent,
  createEvent,
  intelOf,
  podObject,
  serviceAccountUser,
} from '../../../test/harness/audit-events.js';
import type { Alert } from '../../core/alert.js';
import type { BehaviourModel } from '../analytics/types.js';
import type { AuditEvent } from '../audit/event.js';
import type { AuditRule } from '../rule/types.js';
import { AuditEngine, type EngineOptions } from './engine.js';

let evaluated = 0;

/** Fires on every create of a pod, naming it. */
const podCreated: AuditRule = {
  id: 'test-pod-created',
  title: 'A pod was created',
  description: 'Test rule.',
  severity: 'low',
  mitre: ['T1610'],
  equivalents: { falco: 'Test' },
  on: { resources: ['pods'], verbs: ['create'] },
  evaluate(event) {
    evaluated += 1;
    return { message: `pod ${event.objectRef?.name ?? ''} created`, fields: { verb: event.verb } };
  },
};

/** Fires on exec at whichever stage it is judged, recording the stage. */
const exec: AuditRule = {
  id: 'test-exec',
  title: 'Exec',
  description: 'Test rule.',
  severity: 'medium',
  mitre: ['T1609'],
  equivalents: {},
  on: { resources: ['pods/exec'], verbs: ['create', 'get'] },
  evaluate: (event) => ({ message: 'exec', fields: { stage: event.stage } }),
};

function engine(options: Partial<EngineOptions> = {}): AuditEngine {
  return new AuditEngine({ rules: [podCreated, exec], intel: intelOf(), ...options });
}

function feed(target: AuditEngine, ...events: (AuditEvent | string)[]): void {
  events.forEach((event, index) =>
    target.event({
      text: typeof event === 'string' ? event : JSON.stringify(event),
      origin: `test:${index + 1}`,
    })
  );
}

const execRef = { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' };

describe('AuditEngine', () => {
  it('judges each request once, at its first judged stage, whatever the order', () => {
    const target = engine();
    const started = auditEvent({
      verb: 'create',
      objectRef: execRef,
      stage: 'ResponseStarted',
      responseStatus: { code: 101 },
    });
    const received = { ...started, stage: 'RequestReceived' as const };
    const complete = { ...started, stage: 'ResponseComplete' as const };
    const late = auditEvent({ verb: 'create', objectRef: execRef });
    const lateStarted = { ...late, stage: 'ResponseStarted' as const };

    feed(target, received, started, complete, started, late, lateStarted);

    const [alert] = target.alerts();
    expect(alert?.count).toBe(2);
    expect(alert?.evidence.fields).toEqual({ stage: 'ResponseStarted' });
    expect(alert?.evidence.auditIDs).toEqual([started.auditID, late.auditID]);
    expect(target.stats()).toMatchObject({
      received: 6,
      judged: 2,
      skipped: { 'not-judged-stage': 1, 'already-judged': 2, duplicate: 1 },
    });
  });

  it('runs a rule only for the resources and verbs it names', () => {
    const target = engine();
    evaluated = 0;
    feed(
      target,
      auditEvent({ verb: 'get' }),
      auditEvent({
        verb: 'create',
        objectRef: { resource: 'configmaps', namespace: 'a', name: 'b' },
      }),
      auditEvent({
        verb: 'create',
        objectRef: { resource: 'pods', subresource: 'status', name: 'x' },
      }),
      createEvent('pods', podObject('web', 'shop'))
    );

    expect(evaluated).toBe(1);
    expect(target.alerts().map((alert) => alert.message)).toEqual(['pod web created']);
  });

  it('folds repeats on the same identity and object into one alert, and splits the rest', () => {
    const seen: [string, boolean][] = [];
    const target = engine({ onAlert: (alert, first) => seen.push([alert.id, first]) });
    const first = createEvent('pods', podObject('web', 'shop'), {
      stageTimestamp: '2026-11-02T10:00:00.000000Z',
    });
    const again = createEvent('pods', podObject('web', 'shop'), {
      stageTimestamp: '2026-11-02T09:00:00.000000Z',
    });
    const otherUser = createEvent('pods', podObject('web', 'shop'), {
      user: serviceAccountUser('ci', 'deployer'),
    });

    feed(target, first, again, otherUser);

    const alerts = target.alerts();
    expect(alerts.map((alert) => [alert.identity.username, alert.count])).toEqual([
      ['arn:aws:sts::111122223333:assumed-role/Admin/alice', 2],
      ['system:serviceaccount:ci:deployer', 1],
    ]);
    expect(alerts[0]).toMatchObject({
      firstSeen: '2026-11-02T09:00:00.000000Z',
      lastSeen: '2026-11-02T10:00:00.000000Z',
      object: { resource: 'pods', namespace: 'shop', name: 'web' },
      identity: { arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice' },
      cluster: 'default',
    });
    expect(alerts[1]?.identity.serviceAccount).toEqual({ namespace: 'ci', name: 'deployer' });
    expect(seen.map(([, isFirst]) => isFirst)).toEqual([true, false, true]);
    expect(new Set(seen.map(([id]) => id)).size).toBe(2);
  });

  it('gives the same alert the same id in another run, and another cluster another alert', () => {
    const event = createEvent('pods', podObject('web', 'shop'));
    const one = engine();
    const two = engine();
    feed(one, event);
    two.event({ text: JSON.stringify(event), origin: 'x', cluster: 'prod' });
    feed(two, event);

    const [inOne] = one.alerts();
    expect(
      two
        .alerts()
        .map((alert) => alert.cluster)
        .sort()
    ).toEqual(['default', 'prod']);
    expect(two.alerts().find((alert) => alert.cluster === 'default')?.id).toBe(inOne?.id);
  });

  it('counts unreadable events by reason, keeps where they were, and goes on', () => {
    const target = engine({ maxEventBytes: 4000 });
    const huge = createEvent('pods', podObject('big', 'shop', {}, { args: ['x'.repeat(5000)] }));
    const beta = {
      ...createEvent('pods', podObject('b', 'shop')),
      apiVersion: 'audit.k8s.io/v1beta1',
    };
    const noUser = { ...createEvent('pods', podObject('c', 'shop')), user: { groups: [] } };

    feed(
      target,
      '{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":',
      JSON.stringify(huge),
      JSON.stringify(beta),
      JSON.stringify(noUser),
      '[1,2]',
      createEvent('pods', podObject('fine', 'shop'))
    );

    expect(target.stats().skipped).toEqual({
      'not-json': 1,
      'too-large': 1,
      'wrong-api-version': 1,
      malformed: 2,
    });
    expect(target.problems().map(({ reason, origin, detail }) => [reason, origin, detail])).toEqual(
      [
        ['not-json', 'test:1', expect.any(String)],
        ['too-large', 'test:2', expect.stringMatching(/over 4000 bytes/)],
        [
          'wrong-api-version',
          'test:3',
          'Event of audit.k8s.io/v1beta1, not an Event of audit.k8s.io/v1',
        ],
        ['malformed', 'test:4', 'user.username is not a string'],
        ['malformed', 'test:5', 'not a JSON object'],
      ]
    );
    expect(target.alerts().map((alert) => alert.message)).toEqual(['pod fine created']);
  });

  it('counts source problems apart from events', () => {
    const target = engine();
    target.problem({ reason: 'gzip-bomb', origin: 'a.gz', detail: 'over 1 GiB decompressed' });
    expect(target.stats().problems).toEqual({ 'gzip-bomb': 1 });
    expect(target.problems()).toEqual([
      { reason: 'gzip-bomb', origin: 'a.gz', detail: 'over 1 GiB decompressed' },
    ]);
  });

  it('does not raise what an active exception covers, counts it, and notes expired ones', () => {
    const target = engine({
      now: () => new Date('2026-11-01T00:00:00Z'),
      exceptions: [
        {
          rules: ['test-*'],
          serviceAccounts: ['ci/*'],
          namespaces: ['shop'],
          reason: 'CI deploys here',
          origin: 'x.yaml#1',
        },
        { rules: ['test-pod-created'], reason: 'old', expires: '2026-10-01', origin: 'x.yaml#2' },
        {
          images: ['registry.example/ops/*'],
          reason: 'ops images',
          origin: 'x.yaml#3',
        },
      ],
    });
    feed(
      target,
      createEvent('pods', podObject('web', 'shop'), { user: serviceAccountUser('ci', 'deployer') }),
      createEvent('pods', podObject('web', 'other'), {
        user: serviceAccountUser('ci', 'deployer'),
      }),
      createEvent('pods', podObject('tool', 'shop', {}, { image: 'registry.example/ops/tool:1' })),
      createEvent(
        'pods',
        podObject('mixed', 'shop', {
          initContainers: [{ name: 'init', image: 'registry.example/ops/init:1' }],
        })
      )
    );

    expect(target.alerts().map((alert) => alert.message)).toEqual([
      'pod web created',
      'pod mixed created',
    ]);
    expect(target.stats().suppressed).toEqual([
      { origin: 'x.yaml#1', reason: 'CI deploys here', count: 1 },
      { origin: 'x.yaml#3', reason: 'ops images', count: 1 },
    ]);
    expect(target.notes()).toEqual([
      'exception x.yaml#2 expired on 2026-10-01; it no longer applies',
    ]);
  });

  it('raises what the behaviour models find, without an object for a burst', async () => {
    let saved = 0;
    const model: BehaviourModel = {
      id: 'test-model',
      observe: (event) =>
        event.verb === 'list'
          ? [
              {
                detection: { ...podCreated, id: 'test-burst', title: 'Burst' },
                kind: 'burst',
                match: { message: 'many lists', fields: { count: '3' } },
                object: null,
              },
            ]
          : [],
      save: () => {
        saved += 1;
        return Promise.resolve();
      },
    };
    const target = engine({ models: [model] });
    feed(
      target,
      auditEvent({ verb: 'list', objectRef: { resource: 'secrets', namespace: 'a' } }),
      auditEvent({ verb: 'list', objectRef: { resource: 'secrets', namespace: 'b' } })
    );
    await target.save();

    const alerts: Alert[] = target.alerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'test-burst', kind: 'burst', count: 2 });
    expect(alerts[0]?.object).toBeUndefined();
    expect(saved).toBe(1);
  });

  it('keeps at most maxAlerts distinct alerts and says how many it dropped', () => {
    const target = engine({ maxAlerts: 1 });
    feed(
      target,
      createEvent('pods', podObject('a', 'shop')),
      createEvent('pods', podObject('b', 'shop')),
      createEvent('pods', podObject('a', 'shop'))
    );
    expect(target.alerts().map((alert) => [alert.object?.name, alert.count])).toEqual([['a', 2]]);
    expect(target.stats()).toMatchObject({ alerts: 1, alertsDropped: 1 });
    expect(target.notes()).toEqual([
      '1 alert(s) not kept: the run reached the limit of distinct alerts',
    ]);
  });

  it('counts a rule that throws on an event and judges the rest', () => {
    const broken: AuditRule = {
      ...podCreated,
      id: 'test-broken',
      evaluate: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    const target = new AuditEngine({ rules: [broken, podCreated], intel: intelOf() });
    const event = createEvent('pods', podObject('web', 'shop'));
    feed(target, event);

    expect(target.alerts().map((alert) => alert.rule)).toEqual(['test-pod-created']);
    expect(target.stats().skipped).toEqual({ 'detection-error': 1 });
    expect(target.problems()).toEqual([
      {
        reason: 'detection-error',
        origin: `audit ID ${event.auditID}`,
        detail: 'test-broken failed: cannot read properties of undefined',
      },
    ]);
  });
});
