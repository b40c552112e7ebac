import type { Check } from '../../check/types.js';
import { cis, clusterRef } from './eks-view.js';

/**
 * CIS 5.3.1: Kubernetes Secrets are envelope-encrypted with a KMS key the customer manages:
 * an `encryptionConfig` entry whose `resources` include `secrets` and whose provider names a
 * key. Without one, EKS encrypts with keys AWS owns, which CIS does not count.
 */
export const check: Check = {
  id: 'eks-secrets-encryption',
  title: 'Kubernetes Secrets should be encrypted with a customer managed KMS key',
  severity: 'medium',
  controls: [cis('5.3.1')],
  remediation:
    'Run aws eks associate-encryption-config with resources ["secrets"] and a customer managed KMS key (it cannot be removed afterwards).',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const entries = eks.cluster.encryptionConfig ?? [];
    const covering = entries.find((entry) => entry.resources?.includes('secrets') === true);
    const keyArn = covering?.provider?.keyArn;
    if (covering !== undefined && keyArn !== undefined && keyArn !== '') {
      return [
        {
          status: 'pass',
          resource: clusterRef(eks),
          reason: `encryptionConfig encrypts secrets with the KMS key ${keyArn}`,
        },
      ];
    }
    let reason: string;
    if (covering !== undefined) {
      reason = 'encryptionConfig covers secrets but names no provider.keyArn';
    } else if (entries.length > 0) {
      const resources = entries.flatMap((entry) => entry.resources ?? []);
      reason = `encryptionConfig does not cover secrets (resources: [${resources.join(', ')}])`;
    } else {
      reason =
        'encryptionConfig is not set: Secrets are not envelope-encrypted with a KMS key you manage';
    }
    return [{ status: 'fail', resource: clusterRef(eks), reason }];
  },
};
