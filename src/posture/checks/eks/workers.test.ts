import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../../test/harness/kube-objects.js';
import {
  addonJson,
  eksSnapshot,
  hardenedCluster,
  nodegroupJson,
  repositoriesJson,
  repositoryJson,
} from '../../../../test/harness/eks-fixtures.js';
import { check as ecrNodeReadOnly } from './ecr-node-read-only.js';
import { check as ecrScanOnPush } from './ecr-scan-on-push.js';
import { check as ecrUserAccess } from './ecr-user-access.js';
import { check as networkPolicy } from './network-policy.js';
import { check as privateNodes } from './private-nodes.js';

const prod = { kind: 'EKSCluster', name: 'prod' };
const cluster = hardenedCluster();
const nodegroup = (name: string) => ({ kind: 'EKSNodegroup', name });
const repository = (name: string) => ({ kind: 'ECRRepository', name });
const withAddons = (...addons: unknown[]) => eksSnapshot({ cluster, addons });
const cni = (configurationValues?: string) =>
  addonJson('vpc-cni', configurationValues !== undefined ? { configurationValues } : {});

describe('eks-ecr-scan-on-push (CIS 5.1.1)', () => {
  it('judges every repository', () => {
    expect(ecrScanOnPush.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.1.1' }]);
    const results = ecrScanOnPush.run(
      eksSnapshot({
        cluster,
        ecr: [
          repositoriesJson(
            repositoryJson('app'),
            repositoryJson('web', { imageScanningConfiguration: { scanOnPush: false } })
          ),
          [repositoryJson('old', { imageScanningConfiguration: undefined })],
        ],
      })
    );
    expect(results).toEqual([
      {
        status: 'pass',
        resource: repository('app'),
        reason: 'imageScanningConfiguration.scanOnPush is true',
      },
      {
        status: 'fail',
        resource: repository('web'),
        reason:
          'imageScanningConfiguration.scanOnPush is false (a registry-level scanning configuration, not read here, may still scan it)',
      },
      {
        status: 'fail',
        resource: repository('old'),
        reason: expect.stringMatching(
          /^imageScanningConfiguration.scanOnPush is not set/
        ) as unknown,
      },
    ]);
  });

  it('is manual without repository data, or with an empty list', () => {
    expect(ecrScanOnPush.run(eksSnapshot({ cluster }))).toEqual([
      {
        status: 'manual',
        resource: prod,
        reason: expect.stringContaining('no ECR repository data was given') as unknown,
      },
    ]);
    expect(ecrScanOnPush.run(eksSnapshot({ cluster, ecr: [repositoriesJson()] }))[0]).toMatchObject(
      { status: 'manual', resource: prod }
    );
  });
});

describe('ECR access (CIS 5.1.2, 5.1.3) is manual', () => {
  it('5.1.2: one result per repository, else one for the cluster', () => {
    expect(ecrUserAccess.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.1.2' }]);
    expect(
      ecrUserAccess.run(eksSnapshot({ cluster, ecr: [repositoriesJson(repositoryJson('app'))] }))
    ).toEqual([
      {
        status: 'manual',
        resource: repository('app'),
        reason: expect.stringContaining(
          'arn:aws:ecr:eu-west-1:111122223333:repository/app'
        ) as unknown,
      },
    ]);
    expect(ecrUserAccess.run(eksSnapshot({ cluster }))).toEqual([
      { status: 'manual', resource: prod, reason: expect.any(String) as unknown },
    ]);
  });

  it('5.1.3: names each node group role', () => {
    expect(ecrNodeReadOnly.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.1.3' }]);
    const results = ecrNodeReadOnly.run(
      eksSnapshot({
        cluster,
        nodegroups: [nodegroupJson('general'), nodegroupJson('roleless', { nodeRole: undefined })],
      })
    );
    expect(results.map(({ status, resource }) => ({ status, resource }))).toEqual([
      { status: 'manual', resource: nodegroup('general') },
      { status: 'manual', resource: nodegroup('roleless') },
    ]);
    expect(results[0]?.reason).toMatch(/^node role arn:aws:iam::111122223333:role\/eks-node: /);
    expect(results[1]?.reason).toMatch(/^nodeRole not stated: /);
    expect(ecrNodeReadOnly.run(eksSnapshot({ cluster }))[0]).toMatchObject({
      status: 'manual',
      resource: prod,
    });
  });
});

describe('eks-private-nodes (CIS 5.4.3)', () => {
  it('fails SSH open to the internet, leaves the rest manual with its evidence', () => {
    expect(privateNodes.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.4.3' }]);
    const results = privateNodes.run(
      eksSnapshot({
        cluster,
        nodegroups: [
          nodegroupJson('open', { remoteAccess: { ec2SshKey: 'ops' } }),
          nodegroupJson('bastion', {
            remoteAccess: { ec2SshKey: 'ops', sourceSecurityGroups: ['sg-bastion'] },
          }),
          nodegroupJson('plain', { launchTemplate: { name: 'nodes', version: '3', id: 'lt-1' } }),
        ],
      })
    );
    expect(results).toEqual([
      {
        status: 'fail',
        resource: nodegroup('open'),
        reason:
          'remoteAccess gives SSH key ops without sourceSecurityGroups, so port 22 on the nodes is open to 0.0.0.0/0: subnets [subnet-0a1, subnet-0b2], remoteAccess: SSH key ops',
      },
      {
        status: 'manual',
        resource: nodegroup('bastion'),
        reason:
          'subnets [subnet-0a1, subnet-0b2], remoteAccess: SSH key ops from security groups [sg-bastion]; check that these subnets assign no public IPs and have no route to an internet gateway',
      },
      {
        status: 'manual',
        resource: nodegroup('plain'),
        reason: expect.stringContaining(
          'no remoteAccess, launch template nodes version 3;'
        ) as unknown,
      },
    ]);
  });

  it('is manual for the cluster without node group data', () => {
    expect(privateNodes.run(eksSnapshot({ cluster }))).toEqual([
      {
        status: 'manual',
        resource: prod,
        reason: expect.stringContaining('no node group data was given') as unknown,
      },
    ]);
    expect(privateNodes.run(eksSnapshot({ cluster, nodegroups: [] }))[0]?.reason).toContain(
      'no managed node groups'
    );
  });
});

describe('eks-network-policy (CIS 5.4.4)', () => {
  it('passes with enableNetworkPolicy "true" in JSON or YAML values', () => {
    expect(networkPolicy.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.4.4' }]);
    expect(networkPolicy.run(withAddons(cni('{"enableNetworkPolicy":"true"}')))).toEqual([
      {
        status: 'pass',
        resource: prod,
        reason:
          'vpc-cni v1.19.2-eksbuild.1: configurationValues sets enableNetworkPolicy to "true"',
      },
    ]);
    expect(
      networkPolicy.run(
        withAddons(cni('env:\n  WARM_IP_TARGET: "5"\nenableNetworkPolicy: "true"\n'))
      )[0]?.status
    ).toBe('pass');
  });

  it('fails the add-on without it, with the third-party caveat', () => {
    const off = networkPolicy.run(
      withAddons(cni('{"enableNetworkPolicy":"false"}'), addonJson('coredns'))
    );
    expect(off).toEqual([
      {
        status: 'fail',
        resource: prod,
        reason:
          'vpc-cni v1.19.2-eksbuild.1: configurationValues sets enableNetworkPolicy to "false", so the VPC CNI does not enforce NetworkPolicies; if Calico, Cilium or another engine enforces them, record an exception',
      },
    ]);
    expect(networkPolicy.run(withAddons(cni()))[0]).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('configurationValues is not set') as unknown,
    });
    expect(networkPolicy.run(withAddons(cni('{"env":{}}')))[0]).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('does not set enableNetworkPolicy') as unknown,
    });
  });

  it('is manual without add-on data, without a vpc-cni add-on, or with unreadable values', () => {
    expect(networkPolicy.run(eksSnapshot({ cluster }))[0]).toMatchObject({
      status: 'manual',
      reason: expect.stringContaining('no add-on data') as unknown,
    });
    expect(networkPolicy.run(withAddons(addonJson('coredns')))[0]).toMatchObject({
      status: 'manual',
      reason: expect.stringContaining(
        'vpc-cni is not among the managed add-ons given (coredns)'
      ) as unknown,
    });
    for (const values of ['{"enableNetworkPolicy": ', '[1, 2]']) {
      expect(networkPolicy.run(withAddons(cni(values)))[0]?.status).toBe('manual');
    }
  });
});

describe('without EKS data', () => {
  it('the worker and registry checks return nothing', () => {
    for (const check of [
      ecrScanOnPush,
      ecrUserAccess,
      ecrNodeReadOnly,
      privateNodes,
      networkPolicy,
    ]) {
      expect(check.run(snapshot())).toEqual([]);
    }
  });
});
