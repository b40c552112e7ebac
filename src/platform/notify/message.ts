import type { StoredAlert } from '../store/index.js';
import type { NotifyMessage } from './types.js';

/** A harmless alert for `POST /notification-channels/:id/test`: it says what it is. */
export function testMessage(options: {
  version: string;
  channelName: string;
  now?: Date;
}): NotifyMessage {
  const at = (options.now ?? new Date()).toISOString();
  const alert: StoredAlert = {
    id: 'test',
    clusterId: 'test',
    rule: 'palisade-test',
    severity: 'informational',
    status: 'new',
    count: 1,
    firstSeen: at,
    lastSeen: at,
    updatedAt: at,
    techniques: [],
    alert: {
      id: 'test',
      rule: 'palisade-test',
      kind: 'rule',
      title: 'Palisade test notification',
      severity: 'informational',
      mitre: [],
      equivalents: {},
      message: `A test of the notification channel ${options.channelName}; no action is needed.`,
      cluster: 'test',
      identity: { username: 'palisade', groups: [] },
      sourceIPs: [],
      evidence: { auditIDs: [], fields: {} },
      firstSeen: at,
      lastSeen: at,
      count: 1,
    },
  };
  return { type: 'test', alert, clusterName: 'test', version: options.version, sentAt: at };
}
