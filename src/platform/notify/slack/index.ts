import { configRecord, httpUrl } from '../config.js';
import { postJson } from '../http-post.js';
import { describeTarget } from '../target.js';
import type { ChannelKind, NotifyMessage } from '../types.js';

/** Slack's mrkdwn needs only these three escaped; everything else is shown as written. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function objectOf(message: NotifyMessage): string {
  const object = message.alert.alert.object;
  if (object === undefined) {
    return 'none';
  }
  const resource =
    object.subresource !== undefined ? `${object.resource}/${object.subresource}` : object.resource;
  const where = [object.namespace, object.name].filter((part) => part !== undefined).join('/');
  return where !== '' ? `${resource} ${where}` : resource;
}

/** `<url|text>`: a link's URL may not hold `|` or `>`, which would end it early. */
function linkOf(message: NotifyMessage): string | undefined {
  return message.link !== undefined
    ? `<${message.link.replace(/[|>]/g, encodeURIComponent)}|Open in Palisade>`
    : undefined;
}

/**
 * Incoming-webhook JSON: `text` for notifications and for receivers that ignore blocks
 * (Mattermost, Rocket.Chat), and `blocks` for Slack. Every value from the alert is escaped and
 * clipped to Slack's limits (header 150, field 2000, section 3000 characters).
 */
export function slackBody(message: NotifyMessage): string {
  const { alert } = message;
  const prefix = message.type === 'test' ? '[TEST] ' : '';
  const severity = alert.severity.toUpperCase();
  const headline = `${prefix}[${severity}] ${alert.alert.title}`;
  const facts: [string, string][] = [
    ['Severity', alert.severity],
    ['Rule', alert.rule],
    ['Cluster', message.clusterName],
    ['Identity', alert.alert.identity.username],
    ['Object', objectOf(message)],
    ['Count', String(alert.count)],
  ];
  const link = linkOf(message);
  const text = [
    `*${escapeText(clip(headline, 300))}*`,
    ...facts.map(([label, value]) => `${label}: ${escapeText(clip(value, 300))}`),
    ...(link !== undefined ? [link] : []),
  ].join('\n');
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(headline, 150) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: escapeText(clip(alert.alert.message, 2900)) },
    },
    {
      type: 'section',
      fields: facts.map(([label, value]) => ({
        type: 'mrkdwn',
        text: `*${label}*\n${escapeText(clip(value, 1900))}`,
      })),
    },
    ...(link !== undefined
      ? [
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `${link} · alert ${escapeText(alert.id)}` }],
          },
        ]
      : [
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `alert ${escapeText(alert.id)}` }],
          },
        ]),
  ];
  return JSON.stringify({ text, blocks });
}

export const kind: ChannelKind = {
  id: 'slack',
  description:
    'Slack incoming webhook (and Mattermost, Rocket.Chat and others that accept its JSON)',
  parse(value) {
    const config = configRecord(value, ['url']);
    const url = httpUrl(config['url'], 'config.url');
    const target = describeTarget(url);
    return {
      config: { url: url.href },
      target,
      async send(message, options) {
        await postJson({
          url,
          target,
          body: slackBody(message),
          timeoutMs: options.timeoutMs,
          headers: { 'user-agent': `palisade/${message.version}` },
        });
      },
    };
  },
};
