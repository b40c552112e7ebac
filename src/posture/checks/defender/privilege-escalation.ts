import type { Check } from '../../check/types.js';
import { judgeContainers, perTemplate } from './templates.js';

/**
 * Every container sets `securityContext.allowPrivilegeEscalation: false`. Unset counts as
 * allowed: that is what the kernel does (no_new_privs is not set), and privileged containers or
 * CAP_SYS_ADMIN always allow it. Windows pods cannot set the field and pass.
 */
export const check: Check = {
  id: 'defender-privilege-escalation',
  title: 'Container with privilege escalation should be avoided',
  severity: 'medium',
  controls: [
    { framework: 'defender', id: 'container-with-privilege-escalation-should-be-avoided' },
  ],
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  run: (snapshot) =>
    perTemplate(
      snapshot,
      judgeContainers({
        linuxOnly: 'allowPrivilegeEscalation',
        problems: (container) => {
          const allowed = container.securityContext?.allowPrivilegeEscalation;
          if (allowed === false) {
            return [];
          }
          return [
            allowed === true
              ? 'securityContext.allowPrivilegeEscalation is true'
              : 'securityContext.allowPrivilegeEscalation is not set (escalation is allowed)',
          ];
        },
        pass: 'every container sets securityContext.allowPrivilegeEscalation to false',
      })
    ),
};
