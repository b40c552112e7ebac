import type { Check } from '../../check/types.js';
import { asBoolean, featureGate, settingCheck } from './kubelet.js';

/** The RotateKubeletServerCertificate feature gate (--feature-gates or featureGates) must be set to true explicitly (kube-bench: set, eq true), even though the gate defaults to true in current Kubernetes. */
export const check: Check = settingCheck({
  id: 'node-rotate-server-certificate',
  title: 'Kubelet RotateKubeletServerCertificate is set to true',
  severity: 'medium',
  control: '3.2.9',
  remediation:
    'Set featureGates: { RotateKubeletServerCertificate: true } in the kubelet config file (or --feature-gates=RotateKubeletServerCertificate=true) and restart the kubelet.',
  read: (node) => featureGate(node, 'RotateKubeletServerCertificate'),
  unset: {
    status: 'fail',
    says: 'RotateKubeletServerCertificate is not explicitly set to true (CIS asks for it; the gate defaults to true)',
  },
  judge: (value) => {
    const on = asBoolean(value);
    if (on === undefined) {
      return { status: 'manual', says: 'not a boolean' };
    }
    return on
      ? { status: 'pass', says: 'serving certificates are rotated' }
      : { status: 'fail', says: 'serving certificates are not rotated' };
  },
});
