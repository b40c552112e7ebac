import type { Check } from '../../check/types.js';
import { allowedPortsCheck, type AllowedPortsOptions } from './allowed-ports.js';
import { check as apparmorProfile } from './apparmor-profile.js';
import { check as automountServiceAccountToken } from './automount-service-account-token.js';
import { check as defaultNamespace } from './default-namespace.js';
import { check as hostNamespaces } from './host-namespaces.js';
import { check as hostNetworkPorts } from './host-network-ports.js';
import { hostPathCheck, type AllowedHostPath } from './host-path.js';
import { leastCapabilitiesCheck } from './least-capabilities.js';
import { check as privilegeEscalation } from './privilege-escalation.js';
import { check as privileged } from './privileged.js';
import { check as readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { check as resourceLimits } from './resource-limits.js';
import { check as runAsNonRoot } from './run-as-non-root.js';
import { check as sysAdminCapability } from './sys-admin-capability.js';
import { trustedRegistriesCheck } from './trusted-registries.js';

/** What a user can configure for the Defender data-plane checks; every field is optional. */
export interface DefenderOptions {
  /** Registry prefixes images may come from (`defender-trusted-registries`). */
  trustedRegistries?: readonly string[];
  /** Ports containers and Services may use (`defender-allowed-ports`). */
  allowedPorts?: AllowedPortsOptions['ports'];
  /** Node paths hostPath volumes may use (`defender-host-path`). */
  allowedHostPaths?: readonly AllowedHostPath[];
  /** Capabilities a container may add back after dropping ALL (`defender-least-capabilities`). */
  allowedCapabilities?: readonly string[];
}

/** The Defender data-plane checks, in the order of the recommendation list, configured. */
export function defenderChecks(options: DefenderOptions = {}): readonly Check[] {
  return [
    resourceLimits,
    trustedRegistriesCheck(
      options.trustedRegistries !== undefined ? { registries: options.trustedRegistries } : {}
    ),
    hostNamespaces,
    apparmorProfile,
    privilegeEscalation,
    readOnlyRootFilesystem,
    automountServiceAccountToken,
    sysAdminCapability,
    defaultNamespace,
    leastCapabilitiesCheck(
      options.allowedCapabilities !== undefined ? { allowedAdd: options.allowedCapabilities } : {}
    ),
    privileged,
    runAsNonRoot,
    allowedPortsCheck(options.allowedPorts !== undefined ? { ports: options.allowedPorts } : {}),
    hostNetworkPorts,
    hostPathCheck(
      options.allowedHostPaths !== undefined ? { allowed: options.allowedHostPaths } : {}
    ),
  ];
}

/** Every check of the family with the defaults: nothing configured. */
export const checks: readonly Check[] = defenderChecks();
