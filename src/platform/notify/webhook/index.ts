import { createHmac } from 'node:crypto';
import { configRecord, httpUrl, optionalText } from '../config.js';
import { postJson } from '../http-post.js';
import { describeTarget } from '../target.js';
import type { ChannelKind, NotifyMessage } from '../types.js';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, when the channel has a secret. */
export const signatureHeader = 'x-palisade-signature-256';

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The JSON body: the stored alert as the API shows it, with what sent it. */
export function webhookBody(message: NotifyMessage): string {
  return JSON.stringify({
    type: message.type,
    sentAt: message.sentAt,
    palisade: { version: message.version },
    clusterName: message.clusterName,
    ...(message.link !== undefined ? { link: message.link } : {}),
    alert: message.alert,
  });
}

export const kind: ChannelKind = {
  id: 'webhook',
  description: 'POST the alert as JSON to a URL, signed with HMAC-SHA256 when a secret is set',
  parse(value) {
    const config = configRecord(value, ['url', 'secret']);
    const url = httpUrl(config['url'], 'config.url');
    const secret = optionalText(config['secret'], 'config.secret', 16, 1024);
    const target = describeTarget(url);
    return {
      config: { url: url.href, ...(secret !== undefined ? { secret } : {}) },
      target,
      async send(message, options) {
        const body = webhookBody(message);
        await postJson({
          url,
          target,
          body,
          timeoutMs: options.timeoutMs,
          headers: {
            'user-agent': `palisade/${message.version}`,
            'x-palisade-event': message.type,
            ...(secret !== undefined ? { [signatureHeader]: signature(secret, body) } : {}),
          },
        });
      },
    };
  },
};
