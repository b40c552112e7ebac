import type { Check } from '../../check/types.js';
import { asBoolean, kubeletSetting, settingCheck } from './kubelet.js';

/** --make-iptables-util-chains / makeIPTablesUtilChains must be true; unset passes (kube-bench: eq true or unset). */
export const check: Check = settingCheck({
  id: 'node-iptables-util-chains',
  title: 'Kubelet manages its iptables utility chains',
  severity: 'low',
  control: '3.2.6',
  remediation:
    'Set makeIPTablesUtilChains: true in the kubelet config file, or remove a --make-iptables-util-chains=false flag, and restart the kubelet.',
  read: (node) =>
    kubeletSetting(node, { flag: 'make-iptables-util-chains', path: ['makeIPTablesUtilChains'] }),
  unset: { status: 'pass', says: 'the default (true) applies' },
  judge: (value) => {
    const on = asBoolean(value);
    if (on === undefined) {
      return { status: 'manual', says: 'not a boolean' };
    }
    return on
      ? { status: 'pass', says: 'the kubelet keeps its iptables chains' }
      : { status: 'fail', says: 'the kubelet does not manage its iptables chains' };
  },
});
