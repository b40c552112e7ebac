import type { Check } from '../../check/types.js';
import type { Container } from '../../kube/pod-spec.js';
import { namedContainers, podCheck, windowsExemption } from './pod-check.js';

function offences(container: Container): string[] {
  const capabilities = container.securityContext?.capabilities;
  const found: string[] = [];
  const drop = capabilities?.drop;
  if (drop === undefined || drop.length === 0) {
    found.push('securityContext.capabilities.drop is unset (must include ALL)');
  } else if (!drop.includes('ALL')) {
    found.push(`securityContext.capabilities.drop has ${drop.join(', ')} but not ALL`);
  }
  const added = (capabilities?.add ?? []).filter((capability) => capability !== 'NET_BIND_SERVICE');
  if (added.length > 0) {
    found.push(
      `securityContext.capabilities.add has ${added.join(', ')} (only NET_BIND_SERVICE is allowed)`
    );
  }
  return found;
}

/**
 * PSA `capabilities_restricted` (policy v1.22+): every container must drop ALL capabilities
 * and may add back only NET_BIND_SERVICE. Windows pods are exempt (policy v1.25+).
 */
export const check: Check = podCheck({
  id: 'pss-capabilities-restricted',
  title: 'Containers drop ALL capabilities and add at most NET_BIND_SERVICE',
  severity: 'medium',
  level: 'restricted',
  psaId: 'capabilities_restricted',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container and add back only NET_BIND_SERVICE if the process binds a port below 1024.',
  passes: 'every container drops ALL capabilities and adds none but NET_BIND_SERVICE',
  exempts: windowsExemption,
  judge: (template) =>
    namedContainers(template.spec).flatMap(({ label, container }) =>
      offences(container).map((offence) => `${label}: ${offence}`)
    ),
});
