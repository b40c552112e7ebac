import { describe, expect, it } from 'vitest';
import { auditEvent, createEvent, deploymentObject } from '../../../test/harness/audit-events.js';
import { containersOf, podSpecOf } from '../audit/fields.js';
import {
  clip,
  containerFields,
  describeContainers,
  describeRequest,
  kindOf,
  listOf,
  pastTense,
} from './workload-describe.js';

describe('describeRequest', () => {
  it('says what was written, where and by whom', () => {
    const event = createEvent('deployments', deploymentObject('web', 'shop'), {
      user: { username: 'alice' },
    });
    expect(describeRequest(event)).toBe('Deployment shop/web created by alice');
  });

  it('takes the kind from the reference, not from a body that says otherwise', () => {
    const event = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'cronjobs', namespace: 'ops', name: 'backup', apiGroup: 'batch' },
      requestObject: { kind: 'Harmless' },
    });
    expect(kindOf(event)).toBe('CronJob');
    expect(describeRequest(event)).toContain('CronJob ops/backup patched by ');
  });

  it('falls back to the resource name for an unknown resource', () => {
    const event = auditEvent({ objectRef: { resource: 'widgets', name: 'w' } });
    expect(kindOf(event)).toBe('widgets');
  });
});

describe('words', () => {
  it('puts verbs in the past tense', () => {
    expect(pastTense('update')).toBe('updated');
    expect(pastTense('deletecollection')).toBe('deleted');
    expect(pastTense('escalate')).toBe('escalate');
  });

  it('clips long text and replaces control characters', () => {
    expect(clip('a\nb\u0007c')).toBe('a?b?c');
    const long = clip('x'.repeat(500));
    expect(long).toHaveLength(201);
    expect(long.endsWith('…')).toBe(true);
  });

  it('lists distinct items, ten at most', () => {
    expect(listOf(['a', 'b', 'a'])).toBe('a, b');
    const many = Array.from({ length: 13 }, (_, index) => `c${index}`);
    expect(listOf(many)).toBe('c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 (+3 more)');
    expect(listOf(['a', 'b'], '; ')).toBe('a; b');
  });

  it('describes containers and their images', () => {
    const spec = podSpecOf(
      deploymentObject('web', 'shop', { initContainers: [{ name: 'setup' }] })
    );
    const containers = containersOf(spec);
    expect(describeContainers(containers)).toBe(
      'container app (image registry.example/shop/web:1.4.2), init container setup (image none)'
    );
    expect(containerFields(containers)).toEqual({
      container: 'app, setup',
      image: 'registry.example/shop/web:1.4.2, none',
    });
  });
});
