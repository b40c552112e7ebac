import type { Check } from '../../check/types.js';
import { fileCheck, ownerVerdict } from './kubelet.js';

/** The kubelet config file and its drop-ins: owned by uid 0 and gid 0. A missing file is `manual`. */
export const check: Check = fileCheck({
  id: 'node-config-ownership',
  title: 'The kubelet config file is owned by root:root',
  severity: 'medium',
  control: '3.1.4',
  remediation:
    'chown root:root the kubelet config file (the file --config names) and its --config-dir drop-ins on every node.',
  files: 'config',
  judge: ownerVerdict,
});
