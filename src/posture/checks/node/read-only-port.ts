import type { Check } from '../../check/types.js';
import { asNumber, kubeletSetting, settingCheck } from './kubelet.js';

/** --read-only-port / readOnlyPort must be set to 0 (kube-bench: set, eq 0). */
export const check: Check = settingCheck({
  id: 'node-read-only-port',
  title: 'Kubelet read-only port is disabled',
  severity: 'medium',
  control: '3.2.4',
  remediation:
    'Set readOnlyPort: 0 in the kubelet config file (or --read-only-port=0) and restart the kubelet.',
  read: (node) => kubeletSetting(node, { flag: 'read-only-port', path: ['readOnlyPort'] }),
  unset: { status: 'fail', says: 'the read-only port is not explicitly disabled' },
  judge: (value) => {
    const port = asNumber(value, true);
    if (port === undefined) {
      return { status: 'manual', says: 'not a port number' };
    }
    return port === 0
      ? { status: 'pass', says: 'the unauthenticated read-only port is off' }
      : {
          status: 'fail',
          says: `the kubelet serves an unauthenticated read-only API on port ${port}`,
        };
  },
});
