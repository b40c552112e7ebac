import type { Check, CheckResult } from '../../check/types.js';
import { cis, clusterRef, repositoryRef } from './eks-view.js';

/**
 * CIS 5.1.2 is a manual control: who may push to and manage ECR is decided by IAM policies and
 * repository policies, which the snapshot does not hold. One `manual` result per repository
 * given (else one for the cluster) names what to review.
 */
export const check: Check = {
  id: 'eks-ecr-user-access',
  title: 'User access to Amazon ECR should be minimized',
  severity: 'medium',
  controls: [cis('5.1.2')],
  remediation:
    'Grant ecr: actions only to the roles that need them, scoped to the repositories they use; prefer the managed read-only policy for consumers and review repository policies for wildcard principals.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const repositories = eks.ecrRepositories ?? [];
    if (repositories.length === 0) {
      return [
        {
          status: 'manual',
          resource: clusterRef(eks),
          reason:
            'IAM and ECR repository policies are not in the snapshot; review which users and roles hold ecr: permissions',
        },
      ];
    }
    return repositories.map((repository): CheckResult => ({
      status: 'manual',
      resource: repositoryRef(repository),
      reason: `IAM and repository policies are not in the snapshot; review who holds ecr: permissions on ${repository.repositoryArn ?? repository.repositoryName} (aws ecr get-repository-policy)`,
    }));
  },
};
