import type { Check, CheckResult } from '../../check/types.js';
import { cis, clusterRef, repositoryRef } from './eks-view.js';

/**
 * CIS 5.1.1: images are scanned for vulnerabilities. One result per ECR repository given:
 * `imageScanningConfiguration.scanOnPush` true passes. A registry-level scanning configuration
 * (`aws ecr get-registry-scanning-configuration`, enhanced scanning) overrides the repository's
 * setting and is not read, so a failing reason says so. No repository data: `manual`.
 */
export const check: Check = {
  id: 'eks-ecr-scan-on-push',
  title: 'ECR repositories should scan images on push',
  severity: 'medium',
  controls: [cis('5.1.1')],
  remediation:
    'Run aws ecr put-image-scanning-configuration --image-scanning-configuration scanOnPush=true for the repository, or configure registry-level (enhanced) scanning, or scan with a third-party tool.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const repositories = eks.ecrRepositories;
    if (repositories === undefined || repositories.length === 0) {
      return [
        {
          status: 'manual',
          resource: clusterRef(eks),
          reason:
            repositories === undefined
              ? 'no ECR repository data was given (aws ecr describe-repositories); check that the images the cluster runs are scanned for vulnerabilities, in ECR or by a third-party scanner'
              : "the ECR repository data lists no repositories; check where the cluster's images come from and that they are scanned",
        },
      ];
    }
    return repositories.map((repository): CheckResult => {
      const scanOnPush = repository.imageScanningConfiguration?.scanOnPush;
      if (scanOnPush === true) {
        return {
          status: 'pass',
          resource: repositoryRef(repository),
          reason: 'imageScanningConfiguration.scanOnPush is true',
        };
      }
      return {
        status: 'fail',
        resource: repositoryRef(repository),
        reason: `imageScanningConfiguration.scanOnPush is ${scanOnPush === false ? 'false' : 'not set'} (a registry-level scanning configuration, not read here, may still scan it)`,
      };
    });
  },
};
