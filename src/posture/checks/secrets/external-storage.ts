import type { Check } from '../../check/types.js';

/** Providers whose presence says secrets live outside the cluster, by the kinds they install. */
const externalKinds = new Map([
  ['ExternalSecret', 'External Secrets Operator'],
  ['ClusterSecretStore', 'External Secrets Operator'],
  ['SecretStore', 'External Secrets Operator'],
  ['SecretProviderClass', 'Secrets Store CSI Driver'],
]);

/**
 * CIS 4.4.2 is Manual: whether secrets should live in AWS Secrets Manager or Vault is a
 * decision, not a setting. The result is `manual`, with the evidence the snapshot holds: how
 * many Secrets there are and which external-secret providers' objects were found.
 */
export const check: Check = {
  id: 'secrets-external-storage',
  title: 'External secret storage is considered',
  severity: 'low',
  controls: [{ framework: 'cis-eks-1.8.0', id: '4.4.2' }],
  remediation:
    'Keep long-lived credentials in AWS Secrets Manager (or another external store) and bring them in with the Secrets Store CSI Driver or the External Secrets Operator.',
  run: (snapshot) => {
    if (snapshot.objects.length === 0) {
      return [];
    }
    const secrets = snapshot.objects.filter((object) => object.kind === 'Secret').length;
    const providers = new Set(
      snapshot.objects.flatMap((object) => {
        const provider = externalKinds.get(object.kind);
        return provider ? [provider] : [];
      })
    );
    const evidence =
      providers.size > 0
        ? `objects of ${[...providers].sort().join(' and ')} found`
        : 'no External Secrets Operator or Secrets Store CSI Driver objects found';
    return [
      {
        status: 'manual',
        resource: { kind: 'Cluster', name: snapshot.source },
        reason: `${secrets} Secret object(s) in the snapshot; ${evidence}`,
      },
    ];
  },
};
