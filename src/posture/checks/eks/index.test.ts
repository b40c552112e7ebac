import { describe, expect, it } from 'vitest';
import {
  addonJson,
  defaultCluster,
  eksSnapshot,
  hardenedCluster,
  nodegroupJson,
  repositoriesJson,
  repositoryJson,
} from '../../../../test/harness/eks-fixtures.js';
import { snapshot } from '../../../../test/harness/kube-objects.js';
import { checks } from './index.js';

const statuses = (snap: ReturnType<typeof eksSnapshot>) =>
  Object.fromEntries(
    checks.map((check) => [check.id, check.run(snap).map(({ status }) => status)])
  );

describe('eks checks', () => {
  it('have unique eks- ids, CIS 1.8.0 or Defender controls, and a remediation', () => {
    const ids = checks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of checks) {
      expect(check.id).toMatch(/^eks-[a-z0-9-]+$/);
      expect(check.controls.length).toBeGreaterThan(0);
      expect(check.remediation.length).toBeGreaterThan(20);
    }
    const cisIds = checks.flatMap((check) =>
      check.controls.filter(({ framework }) => framework === 'cis-eks-1.8.0').map(({ id }) => id)
    );
    expect(cisIds).toEqual([
      '2.1.1',
      '2.1.2',
      '5.1.1',
      '5.1.2',
      '5.1.3',
      '5.3.1',
      '5.4.1',
      '5.4.2',
      '5.4.3',
      '5.4.4',
      '5.4.5',
      '4.1.7',
      '5.5.1',
    ]);
  });

  it('a hardened cluster passes every check the data decides, and nothing fails', () => {
    const hardened = eksSnapshot({
      cluster: hardenedCluster(),
      nodegroups: [nodegroupJson('general')],
      addons: [addonJson('vpc-cni', { configurationValues: '{"enableNetworkPolicy":"true"}' })],
      ecr: [repositoriesJson(repositoryJson('app'))],
    });
    expect(statuses(hardened)).toEqual({
      'eks-audit-logs': ['pass'],
      'eks-audit-log-collection': ['manual'],
      'eks-ecr-scan-on-push': ['pass'],
      'eks-ecr-user-access': ['manual'],
      'eks-ecr-node-read-only': ['manual'],
      'eks-secrets-encryption': ['pass'],
      'eks-endpoint-access-restricted': ['pass'],
      'eks-endpoint-private-only': ['pass'],
      'eks-private-nodes': ['manual'],
      'eks-network-policy': ['pass'],
      'eks-load-balancer-tls': ['manual'],
      'eks-iam-authentication': ['manual'],
      'eks-public-endpoint-open': ['pass'],
    });
  });

  it('a default cluster fails every check the data decides', () => {
    const defaults = eksSnapshot({
      cluster: defaultCluster(),
      nodegroups: [nodegroupJson('ng', { remoteAccess: { ec2SshKey: 'me' } }, 'dev')],
      addons: [addonJson('vpc-cni', {}, 'dev')],
      ecr: [
        repositoriesJson(
          repositoryJson('app', { imageScanningConfiguration: { scanOnPush: false } })
        ),
      ],
    });
    expect(statuses(defaults)).toEqual({
      'eks-audit-logs': ['fail'],
      'eks-audit-log-collection': ['manual'],
      'eks-ecr-scan-on-push': ['fail'],
      'eks-ecr-user-access': ['manual'],
      'eks-ecr-node-read-only': ['manual'],
      'eks-secrets-encryption': ['fail'],
      'eks-endpoint-access-restricted': ['fail'],
      'eks-endpoint-private-only': ['fail'],
      'eks-private-nodes': ['fail'],
      'eks-network-policy': ['fail'],
      'eks-load-balancer-tls': ['manual'],
      'eks-iam-authentication': ['manual'],
      'eks-public-endpoint-open': ['fail'],
    });
  });

  it('a snapshot without eks gives no results', () => {
    expect(checks.flatMap((check) => check.run(snapshot()))).toEqual([]);
  });
});
