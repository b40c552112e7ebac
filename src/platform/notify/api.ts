import { kind as slack } from './slack/index.js';
import { kind as syslogCef } from './syslog-cef/index.js';
import type { ChannelKind } from './types.js';
import { kind as webhook } from './webhook/index.js';

/** Every kind of notification channel, by id. */
export const channelKinds: ReadonlyMap<string, ChannelKind> = new Map<string, ChannelKind>([
  [webhook.id, webhook],
  [slack.id, slack],
  [syslogCef.id, syslogCef],
]);
