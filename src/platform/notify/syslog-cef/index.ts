import { InputError } from '../../../core/errors.js';
import { configRecord, optionalText } from '../config.js';
import type { ChannelKind } from '../types.js';
import { cefLine } from './cef.js';
import { syslogLine } from './rfc5424.js';
import {
  sendSyslog,
  syslogTransports,
  targetOf,
  type Destination,
  type SyslogTransport,
} from './transport.js';

/** local0: a facility SIEMs commonly route to their CEF parser. */
export const defaultFacility = 16;

function integerIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${field}: an integer from ${min} to ${max}`);
  }
  return value;
}

function hostOf(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9.:_-]{1,253}$/.test(value)) {
    throw new InputError('config.host: required, a host name or IP address');
  }
  return value;
}

export const kind: ChannelKind = {
  id: 'syslog-cef',
  description: 'ArcSight CEF over syslog (RFC 5424) by UDP, TCP or TLS (RFC 6587 octet counting)',
  parse(value) {
    const config = configRecord(value, [
      'host',
      'port',
      'transport',
      'facility',
      'ca',
      'serverName',
    ]);
    const transport = syslogTransports.find((known) => known === config['transport']);
    if (transport === undefined) {
      throw new InputError(`config.transport: one of ${syslogTransports.join(', ')}`);
    }
    const defaultPort: Record<SyslogTransport, number> = { udp: 514, tcp: 514, tls: 6514 };
    const ca = optionalText(config['ca'], 'config.ca', 1, 65_536);
    const serverName = optionalText(config['serverName'], 'config.serverName', 1, 253);
    if (transport !== 'tls' && (ca !== undefined || serverName !== undefined)) {
      throw new InputError(
        `config.${ca !== undefined ? 'ca' : 'serverName'}: for the tls transport only`
      );
    }
    const destination: Destination = {
      transport,
      host: hostOf(config['host']),
      port:
        config['port'] === undefined
          ? defaultPort[transport]
          : integerIn(config['port'], 'config.port', 1, 65_535),
      ...(ca !== undefined ? { ca } : {}),
      ...(serverName !== undefined ? { serverName } : {}),
    };
    const facility =
      config['facility'] === undefined
        ? defaultFacility
        : integerIn(config['facility'], 'config.facility', 0, 23);
    return {
      config: { ...destination, facility },
      target: targetOf(destination),
      async send(message, options) {
        const line = syslogLine({
          facility,
          severity: message.alert.severity,
          time: message.sentAt,
          msgId: message.type,
          message: cefLine(message),
        });
        await sendSyslog(destination, line, options.timeoutMs);
      },
    };
  },
};
