import type { Check } from '../../check/types.js';
import { addedCapabilities } from './capability-names.js';
import { judgeContainers, perTemplate } from './templates.js';

/**
 * No container is granted CAP_SYS_ADMIN: not in `capabilities.add` (under any spelling, or
 * through `ALL`), and not through `privileged: true`, which grants every capability.
 */
export const check: Check = {
  id: 'defender-sys-admin-capability',
  title: 'Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities',
  severity: 'high',
  controls: [
    {
      framework: 'defender',
      id: 'kubernetes-clusters-should-not-grant-capsysadmin-security-capabilities',
    },
  ],
  remediation:
    'Remove SYS_ADMIN (and ALL) from securityContext.capabilities.add and do not run the container privileged.',
  run: (snapshot) =>
    perTemplate(
      snapshot,
      judgeContainers({
        linuxOnly: 'Linux capabilities',
        problems: (container) => {
          const problems: string[] = [];
          const added = addedCapabilities(container);
          if (added.includes('SYS_ADMIN')) {
            problems.push('securityContext.capabilities.add holds SYS_ADMIN');
          }
          if (added.includes('ALL')) {
            problems.push('securityContext.capabilities.add holds ALL (SYS_ADMIN included)');
          }
          if (container.securityContext?.privileged === true) {
            problems.push(
              'securityContext.privileged is true (every capability, SYS_ADMIN included)'
            );
          }
          return problems;
        },
        pass: 'no container is granted CAP_SYS_ADMIN',
      })
    ),
};
