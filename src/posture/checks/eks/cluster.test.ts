import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../../test/harness/kube-objects.js';
import {
  defaultCluster,
  eksSnapshot,
  hardenedCluster,
} from '../../../../test/harness/eks-fixtures.js';
import { check as auditLogCollection } from './audit-log-collection.js';
import { check as auditLogs } from './audit-logs.js';
import { check as endpointAccessRestricted } from './endpoint-access-restricted.js';
import { check as endpointPrivateOnly } from './endpoint-private-only.js';
import { check as iamAuthentication } from './iam-authentication.js';
import { check as loadBalancerTls } from './load-balancer-tls.js';
import { check as publicEndpointOpen } from './public-endpoint-open.js';
import { check as secretsEncryption } from './secrets-encryption.js';

const prod = { kind: 'EKSCluster', name: 'prod' };
const dev = { kind: 'EKSCluster', name: 'dev' };
const hardened = eksSnapshot({ cluster: hardenedCluster() });
const defaults = eksSnapshot({ cluster: defaultCluster() });
const bare = eksSnapshot({ cluster: { cluster: { name: 'prod' } } });
const vpc = (fields: Record<string, unknown>) =>
  eksSnapshot({ cluster: hardenedCluster({ resourcesVpcConfig: fields }) });

describe('eks-audit-logs (CIS 2.1.1)', () => {
  it('passes with all five types on and fails naming the types that are off', () => {
    expect(auditLogs.controls).toEqual([
      { framework: 'cis-eks-1.8.0', id: '2.1.1' },
      { framework: 'defender', id: 'diagnostic-logs-in-kubernetes-services-should-be-enabled' },
    ]);
    expect(auditLogs.run(hardened)).toEqual([
      {
        status: 'pass',
        resource: prod,
        reason:
          'logging.clusterLogging enables api, audit, authenticator, controllerManager and scheduler',
      },
    ]);
    expect(auditLogs.run(defaults)).toEqual([
      {
        status: 'fail',
        resource: dev,
        reason:
          'logging.clusterLogging does not enable api, audit, authenticator, controllerManager and scheduler',
      },
    ]);
  });

  it('reads split entries, and fails an absent logging section', () => {
    const split = eksSnapshot({
      cluster: hardenedCluster({
        logging: {
          clusterLogging: [
            { types: ['api', 'audit', 'authenticator'], enabled: true },
            { types: ['controllerManager', 'scheduler'], enabled: false },
          ],
        },
      }),
    });
    expect(auditLogs.run(split)[0]).toMatchObject({
      status: 'fail',
      reason: 'logging.clusterLogging does not enable controllerManager and scheduler',
    });
    expect(auditLogs.run(bare)[0]).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('logging.clusterLogging is not set') as unknown,
    });
  });

  it('2.1.2 is manual whatever the logging, with the log group as evidence', () => {
    expect(auditLogCollection.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '2.1.2' }]);
    expect(auditLogCollection.run(hardened)).toEqual([
      {
        status: 'manual',
        resource: prod,
        reason: expect.stringContaining('CloudWatch Logs group /aws/eks/prod/cluster') as unknown,
      },
    ]);
    expect(auditLogCollection.run(defaults)[0]).toMatchObject({
      status: 'manual',
      reason: expect.stringContaining('audit log type is not enabled') as unknown,
    });
  });
});

describe('eks-secrets-encryption (CIS 5.3.1)', () => {
  it('passes with a KMS key over secrets, fails without encryptionConfig', () => {
    expect(secretsEncryption.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.3.1' }]);
    expect(secretsEncryption.run(hardened)).toEqual([
      {
        status: 'pass',
        resource: prod,
        reason:
          'encryptionConfig encrypts secrets with the KMS key arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab',
      },
    ]);
    expect(secretsEncryption.run(defaults)).toEqual([
      {
        status: 'fail',
        resource: dev,
        reason:
          'encryptionConfig is not set: Secrets are not envelope-encrypted with a KMS key you manage',
      },
    ]);
  });

  it('fails an entry that does not cover secrets, or names no key', () => {
    const other = eksSnapshot({
      cluster: hardenedCluster({
        encryptionConfig: [{ resources: ['configmaps'], provider: { keyArn: 'k' } }],
      }),
    });
    const keyless = eksSnapshot({
      cluster: hardenedCluster({ encryptionConfig: [{ resources: ['secrets'] }] }),
    });
    expect(secretsEncryption.run(other)[0]).toMatchObject({
      status: 'fail',
      reason: 'encryptionConfig does not cover secrets (resources: [configmaps])',
    });
    expect(secretsEncryption.run(keyless)[0]).toMatchObject({
      status: 'fail',
      reason: 'encryptionConfig covers secrets but names no provider.keyArn',
    });
  });
});

describe('endpoint checks (CIS 5.4.1, 5.4.2, exposure)', () => {
  it('a private-only endpoint passes all three', () => {
    for (const check of [endpointAccessRestricted, endpointPrivateOnly, publicEndpointOpen]) {
      expect(check.run(hardened)).toEqual([
        {
          status: 'pass',
          resource: prod,
          reason: 'endpointPrivateAccess is true, endpointPublicAccess is false',
        },
      ]);
    }
    expect(endpointAccessRestricted.controls).toEqual([
      { framework: 'cis-eks-1.8.0', id: '5.4.1' },
    ]);
    expect(endpointPrivateOnly.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.4.2' }]);
    expect(publicEndpointOpen.controls).toEqual([
      {
        framework: 'defender',
        id: 'kubernetes-api-server-should-be-configured-with-restricted-access',
      },
    ]);
    expect(publicEndpointOpen.severity).toBe('high');
  });

  it('the default endpoint fails all three', () => {
    const evidence =
      'endpointPrivateAccess is false, endpointPublicAccess is true, publicAccessCidrs [0.0.0.0/0]';
    expect(endpointAccessRestricted.run(defaults)).toEqual([
      {
        status: 'fail',
        resource: dev,
        reason: `the private endpoint is off; the public endpoint is open to 0.0.0.0/0: ${evidence}`,
      },
    ]);
    expect(endpointPrivateOnly.run(defaults)).toEqual([
      { status: 'fail', resource: dev, reason: evidence },
    ]);
    expect(publicEndpointOpen.run(defaults)).toEqual([
      {
        status: 'fail',
        resource: dev,
        reason: `the public endpoint accepts 0.0.0.0/0: ${evidence}`,
      },
    ]);
  });

  it('a public endpoint limited to known CIDRs passes 5.4.1 and exposure, fails 5.4.2', () => {
    const limited = vpc({
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
    });
    expect(endpointAccessRestricted.run(limited)[0]?.status).toBe('pass');
    expect(publicEndpointOpen.run(limited)[0]?.status).toBe('pass');
    expect(endpointPrivateOnly.run(limited)[0]).toMatchObject({
      status: 'fail',
      reason:
        'endpointPrivateAccess is true, endpointPublicAccess is true, publicAccessCidrs [203.0.113.0/24]',
    });
  });

  it('a private endpoint beside a world-open public one fails 5.4.1; ::/0 counts as open', () => {
    const both = vpc({
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['10.0.0.0/8', '::/0'],
    });
    expect(endpointAccessRestricted.run(both)[0]).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/^the public endpoint is open to ::\/0: /) as unknown,
    });
    expect(publicEndpointOpen.run(both)[0]?.status).toBe('fail');
  });

  it('fields left out take the AWS defaults, and the reason says so', () => {
    const reason =
      'endpointPrivateAccess is false, endpointPublicAccess is true, publicAccessCidrs [0.0.0.0/0] (endpointPublicAccess, endpointPrivateAccess, publicAccessCidrs not stated: the AWS default)';
    expect(publicEndpointOpen.run(bare)).toEqual([
      {
        status: 'fail',
        resource: prod,
        reason: `the public endpoint accepts 0.0.0.0/0: ${reason}`,
      },
    ]);
    const noCidrs = vpc({ endpointPublicAccess: true, endpointPrivateAccess: true });
    expect(endpointAccessRestricted.run(noCidrs)[0]?.status).toBe('fail');
  });
});

describe('manual controls (CIS 5.4.5, 5.5.1)', () => {
  it('5.4.5 is manual, with Auto Mode load balancing when stated', () => {
    expect(loadBalancerTls.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.4.5' }]);
    expect(loadBalancerTls.run(hardened)).toEqual([
      {
        status: 'manual',
        resource: prod,
        reason: expect.stringContaining('aws-load-balancer-ssl-cert') as unknown,
      },
    ]);
    const auto = eksSnapshot({
      cluster: hardenedCluster({
        kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
      }),
    });
    expect(loadBalancerTls.run(auto)[0]?.reason).toMatch(
      /^EKS Auto Mode load balancing is enabled; /
    );
  });

  it('5.5.1 is manual in every authentication mode, stating the mode', () => {
    expect(iamAuthentication.controls).toEqual([
      { framework: 'cis-eks-1.8.0', id: '4.1.7' },
      { framework: 'cis-eks-1.8.0', id: '5.5.1' },
    ]);
    expect(iamAuthentication.run(hardened)).toEqual([
      {
        status: 'manual',
        resource: prod,
        reason:
          'accessConfig.authenticationMode is API: IAM principals are mapped through access entries only (the aws-auth ConfigMap is ignored); review the access entries and their access policies (aws eks list-access-entries)',
      },
    ]);
    expect(iamAuthentication.run(defaults)[0]).toMatchObject({
      status: 'manual',
      reason: expect.stringContaining('aws-auth ConfigMap only (deprecated') as unknown,
    });
    expect(iamAuthentication.run(bare)[0]?.reason).toMatch(
      /^accessConfig.authenticationMode is not stated/
    );
    const mixed = eksSnapshot({
      cluster: hardenedCluster({ accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } }),
    });
    expect(iamAuthentication.run(mixed)[0]?.reason).toContain(
      'move the mappings to access entries'
    );
  });
});

describe('without EKS data', () => {
  it('every cluster check returns nothing', () => {
    for (const check of [
      auditLogs,
      auditLogCollection,
      secretsEncryption,
      endpointAccessRestricted,
      endpointPrivateOnly,
      publicEndpointOpen,
      loadBalancerTls,
      iamAuthentication,
    ]) {
      expect(check.run(snapshot())).toEqual([]);
    }
  });
});
