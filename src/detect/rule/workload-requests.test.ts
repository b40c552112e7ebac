import { describe, expect, it } from 'vitest';
import {
  auditEvent,
  createEvent,
  deploymentObject,
  podObject,
  serviceAccountUser,
} from '../../../test/harness/audit-events.js';
import {
  isBuiltIn,
  isDryRun,
  isEffectiveWrite,
  judgedWorkload,
  writeVerbs,
} from './workload-requests.js';

describe('isEffectiveWrite', () => {
  it('accepts a successful create', () => {
    expect(isEffectiveWrite(createEvent('pods', podObject('web', 'shop')), writeVerbs)).toBe(true);
  });

  it('refuses other verbs, failures and dry runs', () => {
    expect(isEffectiveWrite(auditEvent({ verb: 'get' }), writeVerbs)).toBe(false);
    const forbidden = createEvent('pods', podObject('web', 'shop'), {
      responseStatus: { code: 403, reason: 'Forbidden' },
    });
    expect(isEffectiveWrite(forbidden, writeVerbs)).toBe(false);
    const dryRun = createEvent('pods', podObject('web', 'shop'), {
      requestURI: '/api/v1/namespaces/shop/pods?fieldManager=kubectl&dryRun=All',
    });
    expect(isDryRun(dryRun)).toBe(true);
    expect(isEffectiveWrite(dryRun, writeVerbs)).toBe(false);
  });

  it('does not mistake other query parameters for a dry run', () => {
    const event = auditEvent({ requestURI: '/api/v1/pods?labelSelector=dryRun%3DAll' });
    expect(isDryRun(event)).toBe(false);
  });
});

describe('isBuiltIn', () => {
  it('accepts the core and named groups of built-in resources', () => {
    expect(isBuiltIn(createEvent('pods', podObject('web', 'shop')))).toBe(true);
    expect(isBuiltIn(createEvent('deployments', deploymentObject('web', 'shop')))).toBe(true);
  });

  it('refuses a custom resource that reuses a built-in plural', () => {
    const event = auditEvent({
      verb: 'create',
      objectRef: { resource: 'deployments', apiGroup: 'apps.example.io', name: 'x' },
    });
    expect(isBuiltIn(event)).toBe(false);
    expect(isBuiltIn(auditEvent({ objectRef: { resource: 'widgets' } }))).toBe(false);
  });
});

describe('judgedWorkload', () => {
  it('reads the template of a Deployment', () => {
    const view = judgedWorkload(createEvent('deployments', deploymentObject('web', 'shop')));
    expect(view?.containers.map(({ name }) => name)).toEqual(['app']);
  });

  it('works the view out once per event, for every rule that asks', () => {
    const event = createEvent('deployments', deploymentObject('web', 'shop'));
    expect(judgedWorkload(event)).toBe(judgedWorkload(event));
    const skipped = createEvent('pods', podObject('web', 'shop'), {
      responseStatus: { code: 500 },
    });
    expect(judgedWorkload(skipped)).toBeUndefined();
    expect(judgedWorkload(skipped)).toBeUndefined();
  });

  it('skips the pods a controller creates', () => {
    const event = createEvent('pods', podObject('web-5d8f9c-x2x4k', 'shop'), {
      user: serviceAccountUser('kube-system', 'replicaset-controller'),
    });
    expect(judgedWorkload(event)).toBeUndefined();
  });

  it('reads a merge patch of a pod that carries neither kind nor containers', () => {
    const event = auditEvent({
      verb: 'patch',
      objectRef: {
        resource: 'pods',
        namespace: 'shop',
        name: 'web',
        subresource: 'ephemeralcontainers',
      },
      requestObject: {
        spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.36' }] },
      },
      responseObject: undefined,
    });
    const view = judgedWorkload(event);
    expect(view?.containers.map(({ label }) => label)).toEqual(['ephemeral container debugger']);
  });

  it('judges only the ephemeral containers through the subresource', () => {
    const pod = podObject('web', 'shop', {
      ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.36' }],
    });
    const event = auditEvent({
      verb: 'patch',
      objectRef: {
        resource: 'pods',
        namespace: 'shop',
        name: 'web',
        subresource: 'ephemeralcontainers',
      },
      requestObject: { spec: {} },
      responseObject: pod,
    });
    expect(judgedWorkload(event)?.containers.map(({ name }) => name)).toEqual(['debugger']);
  });

  it('cannot judge a JSON patch without a logged response', () => {
    const event = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'deployments', namespace: 'shop', name: 'web', apiGroup: 'apps' },
      requestObject: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      responseObject: undefined,
    });
    expect(judgedWorkload(event)).toBeUndefined();
  });

  it('gives undefined for a body without a pod spec', () => {
    const event = createEvent('deployments', { kind: 'Deployment', spec: 'nonsense' });
    expect(judgedWorkload(event)).toBeUndefined();
  });
});
