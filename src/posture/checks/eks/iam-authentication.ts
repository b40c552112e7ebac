import type { Check } from '../../check/types.js';
import { cis, clusterRef } from './eks-view.js';

const modes: Readonly<Record<string, string>> = {
  API: 'access entries only (the aws-auth ConfigMap is ignored)',
  API_AND_CONFIG_MAP: 'access entries and the aws-auth ConfigMap',
  CONFIG_MAP: 'the aws-auth ConfigMap only (deprecated in favour of access entries)',
};

/**
 * CIS 5.5.1 is a manual control, and procedural: EKS always authenticates IAM principals (the
 * IAM authenticator is built in); what to review is how they map to Kubernetes users. The
 * result states `accessConfig.authenticationMode` and what to review for it. It never passes.
 */
export const check: Check = {
  id: 'eks-iam-authentication',
  title: 'Kubernetes RBAC users should be managed with AWS IAM',
  severity: 'low',
  controls: [cis('4.1.7'), cis('5.5.1')],
  remediation:
    'Manage cluster access with EKS access entries: move to authenticationMode API_AND_CONFIG_MAP, migrate the aws-auth mappings to access entries, then switch to API.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const mode = eks.cluster.accessConfig?.authenticationMode;
    let reason: string;
    if (mode === undefined) {
      reason =
        'accessConfig.authenticationMode is not stated (clusters from before access entries use the aws-auth ConfigMap); review the IAM principals mapped in aws-auth and their Kubernetes groups';
    } else {
      const meaning = modes[mode] ?? 'an authentication mode this check does not know';
      const review =
        mode === 'API'
          ? 'review the access entries and their access policies (aws eks list-access-entries)'
          : mode === 'API_AND_CONFIG_MAP'
            ? 'review the access entries and the aws-auth mappings, and move the mappings to access entries'
            : 'review the IAM principals mapped in aws-auth and their Kubernetes groups';
      reason = `accessConfig.authenticationMode is ${mode}: IAM principals are mapped through ${meaning}; ${review}`;
    }
    return [{ status: 'manual', resource: clusterRef(eks), reason }];
  },
};
