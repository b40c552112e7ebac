import type { Check } from '../../check/types.js';
import { podExec } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/**
 * Exec, attach or ephemeral containers: code running inside pods that exist, with their
 * service account and mounts. No CIS EKS 1.8.0 control and no Defender recommendation covers
 * it, so the check maps to no control; it still reports.
 */
export const check: Check = permissionCheck({
  id: 'rbac-pod-exec',
  title: 'No exec into pods cluster-wide or in kube-system',
  severity: 'high',
  controls: [],
  remediation:
    'Remove pods/exec, pods/attach and pods/ephemeralcontainers from the role; grant them for a limited time to the people debugging, in their namespace.',
  scope: 'privileged',
  power: 'exec or attach into pods or add ephemeral containers',
  permissions: podExec,
});
