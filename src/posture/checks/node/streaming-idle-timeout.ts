import type { Check } from '../../check/types.js';
import { goDurationNanos, kubeletSetting, settingCheck } from './kubelet.js';

/** --streaming-connection-idle-timeout / streamingConnectionIdleTimeout must not be 0; unset passes (kube-bench: noteq 0 or unset). Values are read as Go durations, so `0s` is 0 too. */
export const check: Check = settingCheck({
  id: 'node-streaming-idle-timeout',
  title: 'Kubelet streaming connection idle timeout is not 0',
  severity: 'low',
  control: '3.2.5',
  remediation:
    'Set streamingConnectionIdleTimeout to a non-zero duration (4h0m0s) in the kubelet config file, or remove a --streaming-connection-idle-timeout=0 flag, and restart the kubelet.',
  read: (node) =>
    kubeletSetting(node, {
      flag: 'streaming-connection-idle-timeout',
      path: ['streamingConnectionIdleTimeout'],
    }),
  unset: { status: 'pass', says: 'the default idle timeout (4h) applies' },
  judge: (value) => {
    const nanos = goDurationNanos(value);
    if (nanos === undefined) {
      return { status: 'manual', says: 'not a duration' };
    }
    return nanos === 0
      ? { status: 'fail', says: 'idle streaming connections never time out' }
      : { status: 'pass', says: 'idle streaming connections time out' };
  },
});
