import { describe, expect, it } from 'vitest';
import { auditEvent } from '../../../test/harness/audit-events.js';
import { isPlatformIdentity, isPlatformRequest } from './platform.js';

describe('isPlatformIdentity', () => {
  it('counts components, nodes and EKS users', () => {
    expect(isPlatformIdentity('system:apiserver')).toBe(true);
    expect(isPlatformIdentity('system:kube-controller-manager')).toBe(true);
    expect(isPlatformIdentity('system:node:ip-10-0-1-7.ec2.internal')).toBe(true);
    expect(isPlatformIdentity('eks:addon-manager')).toBe(true);
  });

  it("counts kube-controller-manager's controller accounts in kube-system only", () => {
    expect(
      isPlatformIdentity('system:serviceaccount:kube-system:clusterrole-aggregation-controller')
    ).toBe(true);
    expect(isPlatformIdentity('system:serviceaccount:kube-system:service-account-controller')).toBe(
      true
    );
    expect(isPlatformIdentity('system:serviceaccount:shop:service-account-controller')).toBe(false);
  });

  it('does not count add-ons, other accounts, people or anonymous', () => {
    expect(isPlatformIdentity('system:serviceaccount:kube-system:aws-node')).toBe(false);
    expect(isPlatformIdentity('system:serviceaccount:kube-system:default')).toBe(false);
    expect(isPlatformIdentity('system:anonymous')).toBe(false);
    expect(isPlatformIdentity('arn:aws:sts::111122223333:assumed-role/Admin/alice')).toBe(false);
    expect(isPlatformIdentity('eksadmin')).toBe(false);
  });
});

describe('isPlatformRequest', () => {
  it('counts a component acting as itself', () => {
    const event = auditEvent({
      user: { username: 'system:apiserver', groups: ['system:masters'] },
    });
    expect(isPlatformRequest(event)).toBe(true);
  });

  it('does not count a person impersonating a component', () => {
    const event = auditEvent({ impersonatedUser: { username: 'system:kube-controller-manager' } });
    expect(isPlatformRequest(event)).toBe(false);
  });

  it('does not count a component impersonating anyone', () => {
    const event = auditEvent({
      user: { username: 'eks:addon-manager' },
      impersonatedUser: { username: 'bob' },
    });
    expect(isPlatformRequest(event)).toBe(false);
  });
});

describe('isPlatformIdentity, case by case', () => {
  it.each([
    'system:kube-controller-manager',
    'system:kube-scheduler',
    'system:node:ip-10-0-1-23.eu-west-1.compute.internal',
    'system:apiserver',
    'system:serviceaccount:kube-system:replicaset-controller',
    'system:serviceaccount:kube-system:generic-garbage-collector',
    'eks:certificate-controller',
    'eks:addon-manager',
  ])('%s is the control plane', (username) => {
    expect(isPlatformIdentity(username)).toBe(true);
  });

  it.each([
    'system:anonymous',
    'system:serviceaccount:kube-system:aws-node',
    'system:serviceaccount:kube-system:coredns',
    'system:serviceaccount:shop:replicaset-controller',
    'system:serviceaccount:shop:web',
    'arn:aws:sts::111122223333:assumed-role/Admin/alice',
    'alice@example.com',
  ])('%s is not', (username) => {
    expect(isPlatformIdentity(username)).toBe(false);
  });
});
