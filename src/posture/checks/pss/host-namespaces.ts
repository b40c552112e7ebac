import type { Check } from '../../check/types.js';
import { podCheck, podField } from './pod-check.js';

const fields = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** PSA `hostNamespaces`: sharing the node's network, PID or IPC namespace must be disallowed. */
export const check: Check = podCheck({
  id: 'pss-host-namespaces',
  title: 'Pods do not share the host network, PID or IPC namespace',
  severity: 'high',
  level: 'baseline',
  psaId: 'hostNamespaces',
  cis: ['4.2.2', '4.2.3', '4.2.4'],
  remediation:
    'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false); expose the pod through a Service instead of the node network.',
  passes: 'hostNetwork, hostPID and hostIPC are unset or false',
  judge: (template) =>
    fields
      .filter((field) => template.spec[field] === true)
      .map((field) => `${podField(template, field)} is true`),
});
