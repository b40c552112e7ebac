import type { Check } from '../../check/types.js';
import { judgeContainers, perTemplate } from './templates.js';

/** No container, init container or ephemeral container sets `securityContext.privileged: true`. */
export const check: Check = {
  id: 'defender-privileged',
  title: 'Privileged containers should be avoided',
  severity: 'medium',
  controls: [{ framework: 'defender', id: 'privileged-containers-should-be-avoided' }],
  remediation:
    'Remove securityContext.privileged (or set it to false) and grant only the capabilities the container needs.',
  run: (snapshot) =>
    perTemplate(
      snapshot,
      judgeContainers({
        problems: (container) =>
          container.securityContext?.privileged === true
            ? ['securityContext.privileged is true']
            : [],
        pass: 'no container sets securityContext.privileged to true',
      })
    ),
};
