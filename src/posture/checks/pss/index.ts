import type { Check } from '../../check/types.js';
import { check as allowPrivilegeEscalation } from './allow-privilege-escalation.js';
import { check as apparmor } from './apparmor.js';
import { check as capabilitiesBaseline } from './capabilities-baseline.js';
import { check as capabilitiesRestricted } from './capabilities-restricted.js';
import { check as hostNamespaces } from './host-namespaces.js';
import { check as hostPathVolumes } from './host-path-volumes.js';
import { check as hostPorts } from './host-ports.js';
import { check as hostProbesLifecycle } from './host-probes-lifecycle.js';
import { check as privileged } from './privileged.js';
import { check as procMount } from './proc-mount.js';
import { check as procMountRestricted } from './proc-mount-restricted.js';
import { check as restrictedVolumes } from './restricted-volumes.js';
import { check as runAsNonRoot } from './run-as-non-root.js';
import { check as runAsUser } from './run-as-user.js';
import { check as seccompBaseline } from './seccomp-baseline.js';
import { check as seccompRestricted } from './seccomp-restricted.js';
import { check as selinux } from './selinux.js';
import { check as sysctls } from './sysctls.js';
import { check as windowsHostProcess } from './windows-host-process.js';

/**
 * The Pod Security Standards checks, one per pod-security-admission check ID: the Baseline
 * level first, then what Restricted adds.
 */
export const checks: readonly Check[] = [
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  apparmor,
  selinux,
  procMount,
  seccompBaseline,
  sysctls,
  windowsHostProcess,
  hostProbesLifecycle,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];
