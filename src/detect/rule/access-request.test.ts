import { describe, expect, it } from 'vitest';
import { auditEvent, createEvent, intelOf } from '../../../test/harness/audit-events.js';
import {
  actorOf,
  describeRequest,
  didVerb,
  forwardedNote,
  matchSourceIp,
  outcomeOf,
  queryValues,
  requestPath,
} from './access-request.js';

describe('actorOf', () => {
  it('names the acting user and who impersonated it', () => {
    expect(actorOf(auditEvent({ user: { username: 'alice' } }))).toBe('alice');
    const event = auditEvent({
      user: { username: 'alice' },
      impersonatedUser: { username: 'system:serviceaccount:ci:deployer' },
    });
    expect(actorOf(event)).toBe('system:serviceaccount:ci:deployer (impersonated by alice)');
  });

  it('caps a huge username', () => {
    expect(actorOf(auditEvent({ user: { username: 'x'.repeat(5000) } }))).toHaveLength(201);
  });
});

describe('describeRequest', () => {
  it('names the object, the namespace, or neither', () => {
    const secret = auditEvent({
      objectRef: { resource: 'secrets', namespace: 'kube-system', name: 'db' },
    });
    expect(describeRequest(secret)).toBe('get secrets kube-system/db');
    const node = auditEvent({ objectRef: { resource: 'nodes', name: 'ip-10-0-1-7' } });
    expect(describeRequest(node)).toBe('get nodes ip-10-0-1-7');
    const list = auditEvent({ verb: 'list', objectRef: { resource: 'pods', namespace: 'shop' } });
    expect(describeRequest(list)).toBe('list pods in namespace shop');
    const all = auditEvent({ verb: 'list', objectRef: { resource: 'secrets' } });
    expect(describeRequest(all)).toBe('list secrets');
  });

  it('takes a created object’s name from its body, and names subresources', () => {
    const created = createEvent('configmaps', {
      metadata: { generateName: 'cfg-', namespace: 'shop' },
    });
    expect(describeRequest(created)).toBe('create configmaps shop/cfg-');
    const exec = auditEvent({
      verb: 'create',
      objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' },
    });
    expect(describeRequest(exec)).toBe('create pods/exec shop/web');
  });

  it('gives the path of a non-resource request without its query', () => {
    const event = auditEvent({ requestURI: '/readyz?verbose' });
    delete event.objectRef;
    expect(describeRequest(event)).toBe('get /readyz');
    expect(requestPath(event)).toBe('/readyz');
  });
});

describe('queryValues', () => {
  it('decodes every value of a parameter', () => {
    const event = auditEvent({ requestURI: '/x?command=sh&command=-c&command=id%20-u&tty=true' });
    expect(queryValues(event, 'command')).toEqual(['sh', '-c', 'id -u']);
    expect(queryValues(event, 'container')).toEqual([]);
  });

  it('is empty without a query, and survives malformed escapes', () => {
    expect(queryValues(auditEvent({ requestURI: '/x' }), 'command')).toEqual([]);
    expect(queryValues(auditEvent({ requestURI: '/x?command=%E0%A4%A' }), 'command')).toHaveLength(
      1
    );
  });

  it('caps how many values it returns', () => {
    const uri = `/x?${Array.from({ length: 500 }, () => 'command=a').join('&')}`;
    expect(queryValues(auditEvent({ requestURI: uri }), 'command')).toHaveLength(64);
  });
});

describe('outcomeOf and didVerb', () => {
  it('tells allowed, denied and other answers', () => {
    expect(outcomeOf(auditEvent({ responseStatus: { code: 101 } }))).toBe('allowed (101)');
    expect(outcomeOf(auditEvent({ responseStatus: { code: 403 } }))).toBe('denied (403)');
    expect(outcomeOf(auditEvent({ responseStatus: { code: 404 } }))).toBe('answered 404');
    expect(outcomeOf(auditEvent({ responseStatus: {} }))).toBe('no response code');
  });

  it('puts write verbs in the past tense', () => {
    expect(didVerb(auditEvent({ verb: 'patch' }))).toBe('patched');
    expect(didVerb(auditEvent({ verb: 'deletecollection' }))).toBe('deleted');
    expect(didVerb(auditEvent({ verb: 'approve' }))).toBe('approve');
  });
});

describe('matchSourceIp', () => {
  const intel = intelOf({ tor: ['185.220.101.4'] });
  const lookup = (ip: string) => intel.torExit(ip);

  it('finds the server-seen address, with no note', () => {
    const match = matchSourceIp(auditEvent({ sourceIPs: ['185.220.101.4'] }), lookup);
    expect(match).toEqual({ ip: '185.220.101.4', list: 'tor-exits', index: 0, last: true });
    expect(forwardedNote(match!)).toBe('');
  });

  it('finds a forwarded address and says it can be forged', () => {
    const match = matchSourceIp(auditEvent({ sourceIPs: ['185.220.101.4', '10.0.3.9'] }), lookup);
    expect(match?.last).toBe(false);
    expect(forwardedNote(match!)).toContain('entry 1 of sourceIPs');
    expect(forwardedNote(match!)).toContain('can forge');
  });

  it('gives undefined when no address is listed or there are none', () => {
    expect(matchSourceIp(auditEvent({ sourceIPs: ['203.0.113.10'] }), lookup)).toBeUndefined();
    const none = auditEvent();
    delete none.sourceIPs;
    expect(matchSourceIp(none, lookup)).toBeUndefined();
  });
});
