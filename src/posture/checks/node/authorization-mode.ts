import type { Check } from '../../check/types.js';
import { kubeletSetting, settingCheck } from './kubelet.js';

/** --authorization-mode / authorization.mode must be set and must not be AlwaysAllow (kube-bench: set, nothave AlwaysAllow). */
export const check: Check = settingCheck({
  id: 'node-authorization-mode',
  title: 'Kubelet authorization mode is not AlwaysAllow',
  severity: 'high',
  control: '3.2.2',
  remediation:
    'Set authorization.mode: Webhook in the kubelet config file (or --authorization-mode=Webhook), with webhook authentication on, and restart the kubelet.',
  read: (node) =>
    kubeletSetting(node, { flag: 'authorization-mode', path: ['authorization', 'mode'] }),
  unset: { status: 'fail', says: 'the authorization mode is not explicitly set' },
  judge: (value) => {
    const modes = String(value)
      .split(',')
      .map((mode) => mode.trim());
    return modes.includes('AlwaysAllow')
      ? { status: 'fail', says: 'every request is authorized' }
      : { status: 'pass', says: 'requests are authorized' };
  },
});
