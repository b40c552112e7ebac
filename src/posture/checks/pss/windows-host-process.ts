import type { Check } from '../../check/types.js';
import { namedContainers, podCheck, podField } from './pod-check.js';

/** PSA `windowsHostProcess`: Windows HostProcess containers run as the node and are disallowed. */
export const check: Check = podCheck({
  id: 'pss-windows-host-process',
  title: 'Pods run no Windows HostProcess container',
  severity: 'high',
  level: 'baseline',
  psaId: 'windowsHostProcess',
  remediation:
    'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and its containers.',
  passes: 'windowsOptions.hostProcess is unset or false on the pod and every container',
  judge: (template) => [
    ...(template.spec.securityContext?.windowsOptions?.hostProcess === true
      ? [`${podField(template, 'securityContext.windowsOptions.hostProcess')} is true`]
      : []),
    ...namedContainers(template.spec)
      .filter(({ container }) => container.securityContext?.windowsOptions?.hostProcess === true)
      .map(({ label }) => `${label}: securityContext.windowsOptions.hostProcess is true`),
  ],
});
