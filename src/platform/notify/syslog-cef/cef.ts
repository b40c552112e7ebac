import { isIP } from 'node:net';
import type { AlertSeverity } from '../../../core/alert.js';
import type { NotifyMessage } from '../types.js';

/** CEF's 0–10 scale: 0–3 low, 4–6 medium, 7–8 high, 9–10 very high. */
export const cefSeverity: Record<AlertSeverity, number> = {
  informational: 1,
  low: 3,
  medium: 5,
  high: 8,
  critical: 10,
};

/** A header field: `\` and `|` escaped; a header is one line, so line breaks become spaces. */
export function escapeHeader(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

/**
 * An extension value: `\`, `=` escaped, line breaks as `\n` / `\r`. Other control characters
 * become spaces: they are never meaningful in an alert and some receivers split on them.
 */
export function escapeExtension(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/=/g, '\\=')
      .replace(/\r\n|\n/g, '\\n')
      .replace(/\r/g, '\\r')
      // eslint-disable-next-line no-control-regex -- exactly the characters being replaced
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
  );
}

/** Longest value kept per extension, so a message stays well inside one datagram. */
const maxValue = 1024;

function clip(value: string): string {
  return value.length > maxValue ? `${value.slice(0, maxValue - 1)}…` : value;
}

function millis(iso: string): string {
  return String(Date.parse(iso));
}

/**
 * `CEF:0|Palisade|Palisade|<version>|<rule>|<title>|<severity>|<extensions>`, with standard
 * keys: rt (sent), start/end (first and last event), cnt, externalId (the alert id), cat (rule,
 * anomaly or burst), suser, src (the last source IP, the one the API server saw), msg,
 * requestClientApplication (user agent), request (the link), cs1–cs5 with labels (cluster,
 * MITRE techniques, object, status, groups).
 */
export function cefLine(message: NotifyMessage): string {
  const { alert } = message;
  const engine = alert.alert;
  const object = engine.object;
  const lastIp = engine.sourceIPs.at(-1);
  const objectText =
    object === undefined
      ? undefined
      : [
          object.subresource !== undefined
            ? `${object.resource}/${object.subresource}`
            : object.resource,
          [object.namespace, object.name].filter((part) => part !== undefined).join('/'),
        ]
          .filter((part) => part !== '')
          .join(' ');
  const extensions: [string, string | undefined][] = [
    ['rt', millis(message.sentAt)],
    ['start', millis(alert.firstSeen)],
    ['end', millis(alert.lastSeen)],
    ['cnt', String(alert.count)],
    ['externalId', alert.id],
    ['cat', engine.kind],
    ['suser', engine.identity.username],
    ['src', lastIp !== undefined && isIP(lastIp) !== 0 ? lastIp : undefined],
    ['msg', engine.message],
    ['requestClientApplication', engine.userAgent],
    ['request', message.link],
    ['cs1Label', 'cluster'],
    ['cs1', message.clusterName],
    ['cs2Label', 'mitre'],
    ['cs2', engine.mitre.join(',')],
    ['cs3Label', 'object'],
    ['cs3', objectText],
    ['cs4Label', 'status'],
    ['cs4', alert.status],
    ['cs5Label', 'groups'],
    ['cs5', engine.identity.groups.join(',')],
  ];
  const header = [
    'CEF:0',
    'Palisade',
    'Palisade',
    escapeHeader(message.version),
    escapeHeader(clip(alert.rule)),
    escapeHeader(clip(message.type === 'test' ? `[TEST] ${engine.title}` : engine.title)),
    String(cefSeverity[alert.severity]),
  ].join('|');
  const body = extensions
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeExtension(clip(value))}`)
    .join(' ');
  return `${header}|${body}`;
}
