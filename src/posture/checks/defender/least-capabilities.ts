import type { Check } from '../../check/types.js';
import {
  addedCapabilities,
  capabilityName,
  droppedCapabilities,
  runtimeDefaultCapabilities,
} from './capability-names.js';
import { judgeContainers, perTemplate } from './templates.js';

export interface LeastCapabilitiesOptions {
  /**
   * The capabilities a container may add back after dropping ALL (with or without `CAP_`).
   * Default: the runtime's default set (`runtimeDefaultCapabilities`), so dropping ALL and
   * adding back, say, NET_BIND_SERVICE passes while NET_ADMIN or SYS_PTRACE fails.
   */
  allowedAdd?: readonly string[];
}

/**
 * Least privilege, defined as: every container drops ALL capabilities
 * (`securityContext.capabilities.drop` holds `ALL`) and adds back only allowed ones, and none
 * runs privileged (which grants every capability). Windows pods pass: capabilities do not apply.
 */
export function leastCapabilitiesCheck(options: LeastCapabilitiesOptions = {}): Check {
  const allowed = new Set((options.allowedAdd ?? runtimeDefaultCapabilities).map(capabilityName));
  return {
    id: 'defender-least-capabilities',
    title: 'Least privileged Linux capabilities should be enforced for containers',
    severity: 'medium',
    controls: [
      {
        framework: 'defender',
        id: 'least-privileged-linux-capabilities-should-be-enforced-for-containers',
      },
    ],
    remediation:
      'Set securityContext.capabilities.drop: [ALL] on every container and add back only the capabilities it needs.',
    run: (snapshot) =>
      perTemplate(
        snapshot,
        judgeContainers({
          linuxOnly: 'Linux capabilities',
          problems: (container) => {
            const problems: string[] = [];
            if (container.securityContext?.privileged === true) {
              problems.push('securityContext.privileged is true (every capability)');
            }
            if (container.securityContext?.capabilities?.drop === undefined) {
              problems.push('securityContext.capabilities.drop is not set (should hold ALL)');
            } else if (!droppedCapabilities(container).includes('ALL')) {
              problems.push('securityContext.capabilities.drop does not hold ALL');
            }
            const extra = [...new Set(addedCapabilities(container))].filter(
              (name) => !allowed.has(name)
            );
            if (extra.length > 0) {
              problems.push(
                `securityContext.capabilities.add holds ${extra.join(', ')} (not in the allowed set)`
              );
            }
            return problems;
          },
          pass: 'every container drops ALL capabilities and adds back only allowed ones',
        })
      ),
  };
}

export const check: Check = leastCapabilitiesCheck();
