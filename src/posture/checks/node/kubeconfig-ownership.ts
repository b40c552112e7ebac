import type { Check } from '../../check/types.js';
import { fileCheck, ownerVerdict } from './kubelet.js';

/** The kubelet kubeconfig: owned by uid 0 and gid 0. A missing file is `manual`. */
export const check: Check = fileCheck({
  id: 'node-kubeconfig-ownership',
  title: 'The kubelet kubeconfig file is owned by root:root',
  severity: 'medium',
  control: '3.1.2',
  remediation:
    'chown root:root the kubelet kubeconfig (the file --kubeconfig names) on every node.',
  files: 'kubeconfig',
  judge: ownerVerdict,
});
