import type { Check } from '../../check/types.js';
import { perTemplate } from './templates.js';

/** The pod shares neither the host's process (hostPID) nor its IPC (hostIPC) namespace. */
export const check: Check = {
  id: 'defender-host-namespaces',
  title: 'Containers sharing sensitive host namespaces should be avoided',
  severity: 'medium',
  controls: [
    { framework: 'defender', id: 'containers-sharing-sensitive-host-namespaces-should-be-avoided' },
  ],
  remediation: 'Remove hostPID and hostIPC from the pod spec, or set them to false.',
  run: (snapshot) =>
    perTemplate(snapshot, (template) => {
      const shared = (['hostPID', 'hostIPC'] as const)
        .filter((field) => template.spec[field] === true)
        .map((field) => `${template.path}.${field} is true`);
      return shared.length > 0
        ? { status: 'fail', reason: shared.join('; ') }
        : { status: 'pass', reason: 'hostPID and hostIPC are unset or false' };
    }),
};
