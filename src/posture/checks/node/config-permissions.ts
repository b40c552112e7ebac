import type { Check } from '../../check/types.js';
import { fileCheck, modeVerdict } from './kubelet.js';

/** The kubelet config file and its drop-ins: no permission bit outside 644. A missing file is `manual`. */
export const check: Check = fileCheck({
  id: 'node-config-permissions',
  title: 'The kubelet config file has permissions 644 or more restrictive',
  severity: 'medium',
  control: '3.1.3',
  remediation:
    'chmod 644 the kubelet config file (the file --config names) and its --config-dir drop-ins on every node.',
  files: 'config',
  judge: modeVerdict,
});
