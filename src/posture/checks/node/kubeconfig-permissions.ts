import type { Check } from '../../check/types.js';
import { fileCheck, modeVerdict } from './kubelet.js';

/** The kubelet kubeconfig: no permission bit outside 644. A missing file is `manual`. */
export const check: Check = fileCheck({
  id: 'node-kubeconfig-permissions',
  title: 'The kubelet kubeconfig file has permissions 644 or more restrictive',
  severity: 'medium',
  control: '3.1.1',
  remediation: 'chmod 644 the kubelet kubeconfig (the file --kubeconfig names) on every node.',
  files: 'kubeconfig',
  judge: modeVerdict,
});
