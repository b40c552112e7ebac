import type { Check } from '../../check/types.js';
import { judgeContainers, perTemplate } from './templates.js';

/** Every container sets `securityContext.readOnlyRootFilesystem: true`; Windows pods pass. */
export const check: Check = {
  id: 'defender-read-only-root-filesystem',
  title: 'Immutable (read-only) root filesystem should be enforced for containers',
  severity: 'medium',
  controls: [
    {
      framework: 'defender',
      id: 'immutable-read-only-root-filesystem-should-be-enforced-for-containers',
    },
  ],
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the container must write.',
  run: (snapshot) =>
    perTemplate(
      snapshot,
      judgeContainers({
        linuxOnly: 'readOnlyRootFilesystem',
        problems: (container) => {
          const readOnly = container.securityContext?.readOnlyRootFilesystem;
          if (readOnly === true) {
            return [];
          }
          return [
            readOnly === false
              ? 'securityContext.readOnlyRootFilesystem is false'
              : 'securityContext.readOnlyRootFilesystem is not set',
          ];
        },
        pass: 'every container sets securityContext.readOnlyRootFilesystem to true',
      })
    ),
};
