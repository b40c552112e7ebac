import type { Check } from '../../check/types.js';
import { asBoolean, kubeletSetting, settingCheck } from './kubelet.js';

/** --rotate-certificates / rotateCertificates must be true when present; unset passes (kube-bench: eq true or unset). */
export const check: Check = settingCheck({
  id: 'node-rotate-certificates',
  title: 'Kubelet client certificate rotation is not turned off',
  severity: 'medium',
  control: '3.2.8',
  remediation:
    'Set rotateCertificates: true in the kubelet config file, or remove a --rotate-certificates=false flag, and restart the kubelet.',
  read: (node) =>
    kubeletSetting(node, { flag: 'rotate-certificates', path: ['rotateCertificates'] }),
  unset: { status: 'pass', says: 'not present' },
  judge: (value) => {
    const on = asBoolean(value);
    if (on === undefined) {
      return { status: 'manual', says: 'not a boolean' };
    }
    return on
      ? { status: 'pass', says: 'client certificates are rotated' }
      : { status: 'fail', says: 'client certificates are not rotated' };
  },
});
