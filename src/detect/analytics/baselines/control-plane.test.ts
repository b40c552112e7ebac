import { describe, expect, it } from 'vitest';
import { isControlPlaneIdentity } from './control-plane.js';

describe('isControlPlaneIdentity', () => {
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
    expect(isControlPlaneIdentity(username)).toBe(true);
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
    expect(isControlPlaneIdentity(username)).toBe(false);
  });
});
