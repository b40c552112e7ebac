import { describe, expect, it } from 'vitest';
import { auditEvent, serviceAccountUser } from '../../../../test/harness/audit-events.js';
import { behavioursOf, covers, type Behaviour } from './behaviours.js';

const web = serviceAccountUser('shop', 'web');
const alice = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';

function keysOf(fields: Parameters<typeof auditEvent>[0], username = web.username) {
  return behavioursOf(auditEvent(fields), username);
}

describe('behavioursOf', () => {
  it("keys a service account's operations by verb, resource and namespace or cluster-wide", () => {
    expect(
      keysOf({
        user: web,
        verb: 'get',
        objectRef: { resource: 'configmaps', namespace: 'shop', name: 'cfg' },
      })
    ).toEqual([{ kind: 'operations', key: 'get configmaps (shop)' }]);
    expect(
      keysOf({ user: web, verb: 'create', objectRef: { resource: 'clusterrolebindings' } })
    ).toEqual([{ kind: 'operations', key: 'create clusterrolebindings (cluster-wide)' }]);
    expect(
      keysOf({
        user: web,
        verb: 'get',
        objectRef: { resource: 'pods', subresource: 'log', namespace: 'shop' },
      })
    ).toEqual([{ kind: 'operations', key: 'get pods/log (shop)' }]);
  });

  it('keys a non-resource request by the first segment of its path', () => {
    const event = auditEvent({ user: web, verb: 'get', requestURI: '/apis/apps/v1?timeout=32s' });
    delete event.objectRef;
    expect(behavioursOf(event, web.username)).toEqual([{ kind: 'operations', key: 'get /apis' }]);
  });

  it('learns no operations for users other than service accounts', () => {
    expect(
      keysOf({ verb: 'get', objectRef: { resource: 'configmaps', namespace: 'shop' } }, alice)
    ).toEqual([]);
  });

  it('keys secret reads by namespace/name, namespace/* for lists and */* across namespaces', () => {
    expect(
      keysOf(
        { verb: 'get', objectRef: { resource: 'secrets', namespace: 'shop', name: 'db' } },
        alice
      )
    ).toEqual([{ kind: 'secrets', key: 'shop/db' }]);
    expect(
      keysOf({ verb: 'list', objectRef: { resource: 'secrets', namespace: 'shop' } }, alice)
    ).toEqual([{ kind: 'secrets', key: 'shop/*' }]);
    expect(keysOf({ verb: 'watch', objectRef: { resource: 'secrets' } }, alice)).toEqual([
      { kind: 'secrets', key: '*/*' },
    ]);
  });

  it('does not count writes of secrets or other resources as reads', () => {
    expect(
      keysOf({ verb: 'create', objectRef: { resource: 'secrets', namespace: 'shop' } }, alice)
    ).toEqual([]);
    expect(
      keysOf({ verb: 'get', objectRef: { resource: 'configmaps', namespace: 'shop' } }, alice)
    ).toEqual([]);
  });

  it('keys exec and attach by namespace, not port-forward or logs', () => {
    const ref = { resource: 'pods', namespace: 'shop', name: 'web-1' };
    expect(keysOf({ verb: 'create', objectRef: { ...ref, subresource: 'exec' } }, alice)).toEqual([
      { kind: 'execs', key: 'shop' },
    ]);
    expect(keysOf({ verb: 'get', objectRef: { ...ref, subresource: 'attach' } }, alice)).toEqual([
      { kind: 'execs', key: 'shop' },
    ]);
    expect(
      keysOf({ verb: 'create', objectRef: { ...ref, subresource: 'portforward' } }, alice)
    ).toEqual([]);
    expect(keysOf({ verb: 'get', objectRef: { ...ref, subresource: 'log' } }, alice)).toEqual([]);
  });

  it('keys deploys of workloads by kind and namespace, not their subresources or deletes', () => {
    expect(
      keysOf(
        { verb: 'patch', objectRef: { resource: 'deployments', namespace: 'shop', name: 'web' } },
        alice
      )
    ).toEqual([{ kind: 'deploys', key: 'deployments shop' }]);
    expect(
      keysOf({ verb: 'create', objectRef: { resource: 'cronjobs', namespace: 'ci' } }, alice)
    ).toEqual([{ kind: 'deploys', key: 'cronjobs ci' }]);
    expect(
      keysOf(
        {
          verb: 'update',
          objectRef: { resource: 'deployments', subresource: 'scale', namespace: 'shop' },
        },
        alice
      )
    ).toEqual([]);
    expect(
      keysOf({ verb: 'delete', objectRef: { resource: 'pods', namespace: 'shop' } }, alice)
    ).toEqual([]);
    expect(
      keysOf({ verb: 'create', objectRef: { resource: 'services', namespace: 'shop' } }, alice)
    ).toEqual([]);
  });

  it('gives a service account several behaviours for one request', () => {
    expect(
      keysOf({
        user: web,
        verb: 'get',
        objectRef: { resource: 'secrets', namespace: 'shop', name: 'db' },
      }).map((behaviour) => behaviour.kind)
    ).toEqual(['operations', 'secrets']);
  });

  it('cuts names that are too long to be names', () => {
    const [behaviour] = keysOf(
      {
        verb: 'get',
        objectRef: { resource: 'secrets', namespace: 'shop', name: 'x'.repeat(10_000) },
      },
      alice
    );
    expect(behaviour?.key.length).toBe('shop/'.length + 253);
  });
});

describe('covers', () => {
  const secret = (key: string): Behaviour => ({ kind: 'secrets', key });
  const operation = (key: string): Behaviour => ({ kind: 'operations', key });

  it('covers a read of any secret of a namespace it listed, or of any namespace after */*', () => {
    expect(covers(new Set(['shop/*']), secret('shop/db'))).toBe(true);
    expect(covers(new Set(['shop/*']), secret('prod/db'))).toBe(false);
    expect(covers(new Set(['*/*']), secret('prod/db'))).toBe(true);
    expect(covers(new Set(['*/*']), secret('prod/*'))).toBe(true);
    expect(covers(new Set(['shop/db']), secret('shop/*'))).toBe(false);
    expect(covers(new Set(['shop/db']), secret('shop/api'))).toBe(false);
  });

  it('covers a namespaced operation by the same cluster-wide one, not another verb', () => {
    expect(covers(new Set(['list pods (cluster-wide)']), operation('list pods (shop)'))).toBe(true);
    expect(covers(new Set(['list pods (cluster-wide)']), operation('get pods (shop)'))).toBe(false);
    expect(covers(new Set(['list pods (shop)']), operation('list pods (cluster-wide)'))).toBe(
      false
    );
    expect(covers(new Set(['get /api']), operation('get /apis'))).toBe(false);
  });

  it('covers execs and deploys only by the same key', () => {
    expect(covers(new Set(['shop']), { kind: 'execs', key: 'shop' })).toBe(true);
    expect(covers(new Set(['shop']), { kind: 'execs', key: 'prod' })).toBe(false);
    expect(covers(new Set(['pods shop']), { kind: 'deploys', key: 'deployments shop' })).toBe(
      false
    );
  });
});
