import type { Check } from '../../check/types.js';
import { kubeletSetting, settingCheck } from './kubelet.js';

/** --client-ca-file / authentication.x509.clientCAFile must be set (kube-bench: set). */
export const check: Check = settingCheck({
  id: 'node-client-ca-file',
  title: 'Kubelet client CA file is configured',
  severity: 'high',
  control: '3.2.3',
  remediation:
    'Set authentication.x509.clientCAFile in the kubelet config file (or --client-ca-file) to the cluster CA and restart the kubelet.',
  read: (node) =>
    kubeletSetting(node, {
      flag: 'client-ca-file',
      path: ['authentication', 'x509', 'clientCAFile'],
    }),
  unset: { status: 'fail', says: 'no client CA file: client certificates are not verified' },
  judge: (value) =>
    String(value).trim() === ''
      ? { status: 'fail', says: 'empty: client certificates are not verified' }
      : { status: 'pass', says: 'client certificates are verified' },
});
