import type { Check } from '../../check/types.js';
import { asNumber, kubeletSetting, settingCheck } from './kubelet.js';

/** --event-qps / eventRecordQPS must be 0 or more; unset passes (kube-bench since the v1.7 fix: gte 0 or unset). */
export const check: Check = settingCheck({
  id: 'node-event-qps',
  title: 'Kubelet event record QPS is 0 or an appropriate level',
  severity: 'low',
  control: '3.2.7',
  remediation:
    'Set eventRecordQPS to 0 (no limit) or a level that captures the events you need in the kubelet config file, and restart the kubelet.',
  read: (node) => kubeletSetting(node, { flag: 'event-qps', path: ['eventRecordQPS'] }),
  unset: { status: 'pass', says: 'the default event rate (50/s) applies' },
  judge: (value) => {
    const qps = asNumber(value, false);
    if (qps === undefined) {
      return { status: 'manual', says: 'not a number' };
    }
    return qps >= 0
      ? {
          status: 'pass',
          says: qps === 0 ? 'events are not rate limited' : `events are limited to ${qps}/s`,
        }
      : { status: 'fail', says: 'a negative event rate' };
  },
});
