import { hostname } from 'node:os';
import type { AlertSeverity } from '../../../core/alert.js';

/** RFC 5424 severities: 2 critical, 3 error, 4 warning, 5 notice, 6 informational. */
export const syslogSeverity: Record<AlertSeverity, number> = {
  critical: 2,
  high: 3,
  medium: 4,
  low: 5,
  informational: 6,
};

/** HOSTNAME: printable US-ASCII without spaces, at most 255, or the nil value. */
function hostField(name: string): string {
  const clean = name.replace(/[^\x21-\x7e]/g, '').slice(0, 255);
  return clean === '' ? '-' : clean;
}

export interface SyslogFields {
  facility: number;
  severity: AlertSeverity;
  /** ISO 8601 with milliseconds, UTC. */
  time: string;
  /** MSGID: `alert` or `test`. */
  msgId: string;
  message: string;
}

/**
 * `<PRI>1 TIMESTAMP HOSTNAME palisade PROCID MSGID - MSG`, no structured data. The message is
 * sent without a BOM (RFC 5424's MSG-ANY): CEF receivers read plain UTF-8.
 */
export function syslogLine(fields: SyslogFields): string {
  const pri = fields.facility * 8 + syslogSeverity[fields.severity];
  return `<${pri}>1 ${fields.time} ${hostField(hostname())} palisade ${process.pid} ${fields.msgId} - ${fields.message}`;
}

/** RFC 6587 octet counting (also RFC 5425 over TLS): `<byte length> <message>`. */
export function octetCounted(line: string): Buffer {
  const bytes = Buffer.from(line, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length} `, 'ascii'), bytes]);
}
