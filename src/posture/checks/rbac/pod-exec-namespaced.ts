import type { Check } from '../../check/types.js';
import { podExec } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/** Exec, attach or ephemeral containers in namespaces other than kube-system (no control). */
export const check: Check = permissionCheck({
  id: 'rbac-pod-exec-namespaced',
  title: 'Exec into pods is granted only where needed',
  severity: 'medium',
  controls: [],
  remediation:
    'Remove pods/exec, pods/attach and pods/ephemeralcontainers from the Role unless the subject debugs that namespace.',
  scope: 'namespaced',
  power: 'exec or attach into pods or add ephemeral containers',
  permissions: podExec,
});
