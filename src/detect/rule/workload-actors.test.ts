import { describe, expect, it } from 'vitest';
import { auditEvent, serviceAccountUser } from '../../../test/harness/audit-events.js';
import {
  actorOf,
  eventHousekeepers,
  isClusterComponent,
  isKubeSystemController,
  isPlatformActor,
} from './workload-actors.js';

const asUser = (username: string) => auditEvent({ user: { username, groups: [] } });

describe('isClusterComponent', () => {
  it('counts nodes, control-plane components and EKS users', () => {
    expect(isClusterComponent(asUser('system:node:ip-10-0-1-7.ec2.internal'))).toBe(true);
    expect(isClusterComponent(asUser('system:kube-controller-manager'))).toBe(true);
    expect(isClusterComponent(asUser('eks:addon-manager'))).toBe(true);
  });

  it('does not count people, service accounts or anonymous', () => {
    expect(isClusterComponent(auditEvent())).toBe(false);
    expect(isClusterComponent(asUser('system:anonymous'))).toBe(false);
    expect(
      isClusterComponent(auditEvent({ user: serviceAccountUser('kube-system', 'coredns') }))
    ).toBe(false);
  });

  it('does not count a component impersonated by someone else', () => {
    const event = auditEvent({ impersonatedUser: { username: 'system:node:ip-10-0-1-7' } });
    expect(isClusterComponent(event)).toBe(false);
  });
});

describe('isKubeSystemController', () => {
  it('counts the listed controllers of kube-system only', () => {
    const collector = serviceAccountUser('kube-system', 'generic-garbage-collector');
    expect(isKubeSystemController(auditEvent({ user: collector }), eventHousekeepers)).toBe(true);
    const lookalike = serviceAccountUser('shop', 'generic-garbage-collector');
    expect(isKubeSystemController(auditEvent({ user: lookalike }), eventHousekeepers)).toBe(false);
    const other = serviceAccountUser('kube-system', 'replicaset-controller');
    expect(isKubeSystemController(auditEvent({ user: other }), eventHousekeepers)).toBe(false);
  });

  it('does not count a controller impersonated by someone else', () => {
    const event = auditEvent({
      impersonatedUser: { username: 'system:serviceaccount:kube-system:namespace-controller' },
    });
    expect(isKubeSystemController(event, eventHousekeepers)).toBe(false);
  });
});

describe('isPlatformActor', () => {
  it('counts the workload controllers and the cluster components', () => {
    const replicas = serviceAccountUser('kube-system', 'replicaset-controller');
    expect(isPlatformActor(auditEvent({ user: replicas }))).toBe(true);
    expect(isPlatformActor(asUser('system:node:ip-10-0-1-7'))).toBe(true);
    expect(isPlatformActor(auditEvent({ user: serviceAccountUser('argocd', 'argocd') }))).toBe(
      false
    );
  });
});

describe('actorOf', () => {
  it('names the acting user and who impersonated it', () => {
    expect(actorOf(asUser('alice'))).toBe('alice');
    const event = auditEvent({
      user: { username: 'bob' },
      impersonatedUser: { username: 'alice' },
    });
    expect(actorOf(event)).toBe('alice (impersonated by bob)');
  });
});
