import { describe, expect, it } from 'vitest';
import {
  anonymousUser,
  auditEvent,
  intelOf,
  noIntel,
  serviceAccountUser,
  type EventFields,
} from '../../../test/harness/audit-events.js';
import type { AuditEvent } from '../audit/event.js';
import { RuleIndex } from '../engine/rule-index.js';
import type { AuditRule, RuleContext, RuleMatch, ThreatIntel } from '../rule/types.js';
import { rule as anonymousRequest } from './anonymous-request.js';
import { attackToolOf, rule as attackTool } from './attack-tool.js';
import { rule as execInKubeSystem } from './exec-in-kube-system.js';
import { rule as maliciousIpCaller } from './malicious-ip-caller.js';
import { rule as podExec } from './pod-exec.js';
import { rule as portForward } from './port-forward.js';
import { rule as secretsListed } from './secrets-listed-cluster-wide.js';
import { rule as torCaller } from './tor-caller.js';

const alice = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';

/** Evaluates as the engine would: only when the rule's `on` routes the event to it. */
function judge(
  rule: AuditRule,
  event: AuditEvent,
  context: RuleContext = noIntel
): RuleMatch | undefined {
  expect(new RuleIndex([rule]).rulesFor(event)).toContain(rule);
  return rule.evaluate(event, context);
}

function routed(rule: AuditRule, event: AuditEvent): boolean {
  return new RuleIndex([rule]).rulesFor(event).includes(rule);
}

/** A request to a non-resource URL (`/healthz`), which has no objectRef. */
function nonResource(uri: string, fields: EventFields = {}): AuditEvent {
  const event = auditEvent({ requestURI: uri, ...fields });
  delete event.objectRef;
  return event;
}

/** kubectl exec/attach/port-forward as the API server logs it when the stream opens. */
function stream(
  subresource: string,
  namespace: string,
  pod: string,
  query: string,
  fields: EventFields = {}
): AuditEvent {
  return auditEvent({
    verb: 'create',
    stage: 'ResponseStarted',
    level: 'Metadata',
    objectRef: { resource: 'pods', subresource, namespace, name: pod, apiVersion: 'v1' },
    requestURI: `/api/v1/namespaces/${namespace}/pods/${pod}/${subresource}?${query}`,
    responseStatus: { code: 101 },
    ...fields,
  });
}

const kubectl = 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350';

describe('anonymous-request', () => {
  it('fires on an anonymous read of secrets, naming the category and the GuardDuty type', () => {
    const event = auditEvent({
      user: anonymousUser,
      verb: 'list',
      objectRef: { resource: 'secrets', namespace: 'kube-system', apiVersion: 'v1' },
      userAgent: 'curl/8.5.0',
    });
    expect(judge(anonymousRequest, event)).toEqual({
      message:
        'An unauthenticated caller (system:anonymous) was allowed to list secrets in namespace ' +
        'kube-system (CredentialAccess call).',
      fields: {
        request: 'list secrets in namespace kube-system',
        category: 'CredentialAccess',
        guarddutyFinding: 'CredentialAccess:Kubernetes/SuccessfulAnonymousAccess',
      },
    });
  });

  it('fires on an anonymous create of a pod and on anonymous API discovery', () => {
    const pod = auditEvent({
      user: anonymousUser,
      verb: 'create',
      objectRef: { resource: 'pods', namespace: 'default', name: 'x', apiVersion: 'v1' },
    });
    expect(judge(anonymousRequest, pod)?.fields['guarddutyFinding']).toBe(
      'Persistence:Kubernetes/SuccessfulAnonymousAccess'
    );
    expect(judge(anonymousRequest, pod)?.fields['category']).toBe('Execution');
    const discovery = nonResource('/apis', { user: anonymousUser });
    expect(judge(anonymousRequest, discovery)?.fields['guarddutyFinding']).toBe(
      'Discovery:Kubernetes/SuccessfulAnonymousAccess'
    );
  });

  it('fires on a path that only starts like a public one', () => {
    expect(
      judge(anonymousRequest, nonResource('/versions', { user: anonymousUser }))
    ).toBeDefined();
  });

  it('stays quiet for the public health and discovery endpoints', () => {
    for (const uri of [
      '/healthz',
      '/livez?verbose',
      '/readyz/etcd',
      '/version',
      '/.well-known/openid-configuration',
      '/openid/v1/jwks',
    ]) {
      expect(judge(anonymousRequest, nonResource(uri, { user: anonymousUser }))).toBeUndefined();
    }
  });

  it('stays quiet for a denied anonymous request and for an authenticated one', () => {
    const denied = auditEvent({
      user: anonymousUser,
      verb: 'list',
      objectRef: { resource: 'secrets' },
      responseStatus: { code: 403 },
    });
    expect(judge(anonymousRequest, denied)).toBeUndefined();
    expect(
      judge(anonymousRequest, auditEvent({ objectRef: { resource: 'secrets' } }))
    ).toBeUndefined();
  });
});

describe('pod-exec', () => {
  it('fires when an exec stream opens, with the command', () => {
    const event = stream(
      'exec',
      'shop',
      'web-0',
      'command=sh&command=-c&command=cat%20%2Fvar%2Frun%2Fsecrets%2Ftoken&container=app&stdin=true&stdout=true&tty=true'
    );
    expect(judge(podExec, event)).toEqual({
      message: `${alice} ran \`sh -c "cat /var/run/secrets/token"\` in pod shop/web-0 (container app) with an interactive TTY.`,
      fields: {
        action: 'exec',
        pod: 'shop/web-0',
        container: 'app',
        command: 'sh -c "cat /var/run/secrets/token"',
        interactive: 'true',
      },
    });
  });

  it('fires on a WebSocket exec (verb get) judged at ResponseComplete, and on attach', () => {
    const websocket = stream('exec', 'shop', 'web-0', 'command=id&stdout=true', {
      verb: 'get',
      stage: 'ResponseComplete',
      responseStatus: { code: 200 },
    });
    expect(judge(podExec, websocket)?.fields['command']).toBe('id');
    const attach = stream('attach', 'shop', 'web-0', 'container=app&stdout=true');
    expect(judge(podExec, attach)?.message).toBe(
      `${alice} attached to pod shop/web-0 (container app).`
    );
  });

  it('stays quiet for a forbidden exec, and is not asked about logs', () => {
    const denied = stream('exec', 'shop', 'web-0', 'command=sh', {
      stage: 'ResponseComplete',
      responseStatus: { code: 403, reason: 'Forbidden' },
    });
    expect(judge(podExec, denied)).toBeUndefined();
    expect(routed(podExec, stream('log', 'shop', 'web-0', 'follow=true', { verb: 'get' }))).toBe(
      false
    );
  });
});

describe('exec-in-kube-system', () => {
  it('fires on an exec into a kube-system pod', () => {
    const event = stream(
      'exec',
      'kube-system',
      'aws-node-7xk2p',
      'command=bash&stdin=true&tty=true'
    );
    expect(judge(execInKubeSystem, event)).toEqual({
      message: `${alice} ran \`bash\` in pod kube-system/aws-node-7xk2p with an interactive TTY, in the kube-system namespace.`,
      fields: {
        action: 'exec',
        pod: 'kube-system/aws-node-7xk2p',
        command: 'bash',
        interactive: 'true',
      },
    });
  });

  it('stays quiet for other namespaces and refused execs', () => {
    expect(
      judge(execInKubeSystem, stream('exec', 'shop', 'web-0', 'command=bash'))
    ).toBeUndefined();
    const denied = stream('exec', 'kube-system', 'coredns-1', 'command=sh', {
      responseStatus: { code: 403 },
    });
    expect(judge(execInKubeSystem, denied)).toBeUndefined();
  });
});

describe('port-forward', () => {
  it('fires on a port-forward, with the ports a WebSocket client sent', () => {
    const event = stream('portforward', 'data', 'postgres-0', 'ports=5432', { verb: 'get' });
    expect(judge(portForward, event)).toEqual({
      message: `${alice} port-forwarded to pod data/postgres-0 on ports 5432.`,
      fields: {
        action: 'portforward',
        pod: 'data/postgres-0',
        ports: '5432',
        interactive: 'false',
      },
    });
  });

  it('stays quiet when refused, and is not asked about exec', () => {
    const denied = stream('portforward', 'data', 'postgres-0', '', {
      responseStatus: { code: 403 },
    });
    expect(judge(portForward, denied)).toBeUndefined();
    expect(routed(portForward, stream('exec', 'data', 'postgres-0', 'command=sh'))).toBe(false);
  });
});

describe('attack-tool', () => {
  it('fires on a denied probe by Peirates, telling the outcome', () => {
    const event = auditEvent({
      user: serviceAccountUser('shop', 'web'),
      verb: 'list',
      objectRef: { resource: 'secrets', namespace: 'shop', apiVersion: 'v1' },
      userAgent: 'peirates/v0.0.0 (linux/amd64) kubernetes/$Format',
      responseStatus: { code: 403, reason: 'Forbidden' },
    });
    expect(judge(attackTool, event)).toEqual({
      message:
        'system:serviceaccount:shop:web used Peirates (Kubernetes privilege-escalation and ' +
        'lateral-movement tool) to list secrets in namespace shop (outcome: denied (403)).',
      fields: {
        tool: 'peirates',
        userAgent: 'peirates/v0.0.0 (linux/amd64) kubernetes/$Format',
        outcome: 'denied (403)',
      },
    });
  });

  it('fires on a release binary name and on a non-resource probe', () => {
    const event = nonResource('/version', {
      user: anonymousUser,
      userAgent: 'cdk_linux_amd64/v0.0.0 (linux/amd64) kubernetes/$Format',
    });
    expect(judge(attackTool, event)?.fields['tool']).toBe('cdk');
  });

  it('matches product tokens only, case-insensitively', () => {
    expect(attackToolOf('KDigger/1.5.0')).toBe('kdigger');
    expect(attackToolOf('python-requests/2.31.0 kube-hunter/0.6.8')).toBe('kube-hunter');
    expect(attackToolOf(kubectl)).toBeUndefined();
    expect(attackToolOf('aws-cdk/2.150.0')).toBeUndefined();
    expect(attackToolOf('cdk8s-cli/2.198.0')).toBeUndefined();
    expect(attackToolOf('Mozilla/5.0 (compatible; peirates-scan-report)')).toBeUndefined();
    expect(attackToolOf('kubectl-peirates-audit/1.0')).toBeUndefined();
    expect(attackToolOf('python-requests/2.31.0')).toBeUndefined();
  });

  it("stays quiet for kubectl's agent and for no agent", () => {
    expect(judge(attackTool, auditEvent({ userAgent: kubectl }))).toBeUndefined();
    const none = auditEvent();
    delete none.userAgent;
    expect(judge(attackTool, none)).toBeUndefined();
  });
});

describe('tor-caller', () => {
  const tor = { intel: intelOf({ tor: ['185.220.101.4'] }) };

  it('fires on a request from a Tor exit node', () => {
    const event = auditEvent({
      verb: 'get',
      objectRef: { resource: 'secrets', namespace: 'shop', name: 'db', apiVersion: 'v1' },
      sourceIPs: ['185.220.101.4'],
    });
    expect(judge(torCaller, event, tor)).toEqual({
      message: `${alice} sent get secrets shop/db from Tor exit node 185.220.101.4 (list tor-exits; outcome: allowed (200)).`,
      fields: {
        sourceIP: '185.220.101.4',
        list: 'tor-exits',
        forwarded: 'false',
        outcome: 'allowed (200)',
        category: 'CredentialAccess',
        guarddutyFinding: 'CredentialAccess:Kubernetes/TorIPCaller',
      },
    });
  });

  it('fires on a denied request, and says when the address was forwarded', () => {
    const event = auditEvent({
      verb: 'list',
      objectRef: { resource: 'pods', apiVersion: 'v1' },
      sourceIPs: ['185.220.101.4', '10.0.3.9'],
      responseStatus: { code: 403 },
    });
    const match = judge(torCaller, event, tor);
    expect(match?.message).toContain(
      '(list tor-exits; outcome: denied (403)). The address is entry 1'
    );
    expect(match?.fields['forwarded']).toBe('true');
    expect(match?.fields['guarddutyFinding']).toBe('Discovery:Kubernetes/TorIPCaller');
  });

  it('stays quiet with no list loaded and for an address on another list', () => {
    const event = auditEvent({ sourceIPs: ['185.220.101.4'] });
    expect(judge(torCaller, event)).toBeUndefined();
    const other = { intel: intelOf({ malicious: ['185.220.101.4'] }) };
    expect(judge(torCaller, event, other)).toBeUndefined();
  });
});

describe('malicious-ip-caller', () => {
  it('fires on a custom-list address with the .Custom finding', () => {
    const event = auditEvent({
      verb: 'delete',
      objectRef: { resource: 'namespaces', name: 'shop', apiVersion: 'v1' },
      sourceIPs: ['198.51.100.23'],
    });
    const context = { intel: intelOf({ malicious: ['198.51.100.23'] }) };
    expect(judge(maliciousIpCaller, event, context)).toEqual({
      message:
        `${alice} sent delete namespaces shop from 198.51.100.23, which is on the threat list ` +
        'custom:test (outcome: allowed (200)).',
      fields: {
        sourceIP: '198.51.100.23',
        list: 'custom:test',
        forwarded: 'false',
        outcome: 'allowed (200)',
        category: 'Impact',
        guarddutyFinding: 'Impact:Kubernetes/MaliciousIPCaller.Custom',
      },
    });
  });

  it('names the plain finding for a feed that is not a custom list', () => {
    const feed: ThreatIntel = {
      torExit: () => undefined,
      maliciousIp: (ip) => (ip === '198.51.100.23' ? 'feed:abuse-ch' : undefined),
      minerImage: () => undefined,
    };
    const event = auditEvent({ sourceIPs: ['198.51.100.23'] });
    expect(judge(maliciousIpCaller, event, { intel: feed })?.fields['guarddutyFinding']).toBe(
      'Discovery:Kubernetes/MaliciousIPCaller'
    );
  });

  it('stays quiet for an address on no list', () => {
    const context = { intel: intelOf({ malicious: ['198.51.100.23'] }) };
    expect(
      judge(maliciousIpCaller, auditEvent({ sourceIPs: ['203.0.113.10'] }), context)
    ).toBeUndefined();
  });
});

describe('secrets-listed-cluster-wide', () => {
  const listAll = (fields: EventFields = {}) =>
    auditEvent({
      verb: 'list',
      objectRef: { resource: 'secrets', apiVersion: 'v1' },
      requestURI: '/api/v1/secrets?limit=500',
      ...fields,
    });

  it('fires on a list of secrets in all namespaces', () => {
    expect(judge(secretsListed, listAll())).toEqual({
      message: `${alice} listed secrets across all namespaces.`,
      fields: { verb: 'list' },
    });
  });

  it('fires on a watch by an application account, naming its selector', () => {
    const event = listAll({
      verb: 'watch',
      user: serviceAccountUser('tools', 'syncer'),
      requestURI: '/api/v1/secrets?labelSelector=owner%3Dhelm&watch=true',
    });
    expect(judge(secretsListed, event)).toEqual({
      message:
        'system:serviceaccount:tools:syncer watched secrets across all namespaces (narrowed by ' +
        'labelSelector owner=helm).',
      fields: { verb: 'watch', labelSelector: 'owner=helm' },
    });
  });

  it('stays quiet for one namespace, for control-plane readers, and when denied', () => {
    const namespaced = listAll({ objectRef: { resource: 'secrets', namespace: 'shop' } });
    expect(judge(secretsListed, namespaced)).toBeUndefined();
    const manager = listAll({ user: { username: 'system:kube-controller-manager' } });
    expect(judge(secretsListed, manager)).toBeUndefined();
    const collector = listAll({
      user: serviceAccountUser('kube-system', 'generic-garbage-collector'),
    });
    expect(judge(secretsListed, collector)).toBeUndefined();
    expect(judge(secretsListed, listAll({ responseStatus: { code: 403 } }))).toBeUndefined();
  });

  it('is not asked about a get of one secret', () => {
    const get = auditEvent({
      verb: 'get',
      objectRef: { resource: 'secrets', namespace: 'shop', name: 'db' },
    });
    expect(routed(secretsListed, get)).toBe(false);
  });
});
