import type { Check } from '../../check/types.js';
import { asBoolean, kubeletSetting, settingCheck } from './kubelet.js';

/** --anonymous-auth / authentication.anonymous.enabled must be set to false (kube-bench: set, eq false). */
export const check: Check = settingCheck({
  id: 'node-anonymous-auth',
  title: 'Kubelet anonymous authentication is not enabled',
  severity: 'high',
  control: '3.2.1',
  remediation:
    'Set authentication.anonymous.enabled: false in the kubelet config file (or --anonymous-auth=false) and restart the kubelet.',
  read: (node) =>
    kubeletSetting(node, {
      flag: 'anonymous-auth',
      path: ['authentication', 'anonymous', 'enabled'],
    }),
  unset: { status: 'fail', says: 'anonymous authentication is not explicitly disabled' },
  judge: (value) => {
    const enabled = asBoolean(value);
    if (enabled === undefined) {
      return { status: 'manual', says: 'not a boolean' };
    }
    return enabled
      ? { status: 'fail', says: 'anonymous requests are accepted' }
      : { status: 'pass', says: 'anonymous requests are rejected' };
  },
});
