import { isRecord } from '../../core/is-record.js';
import { auditApiVersion, type AuditEvent, type RejectReason } from '../audit/event.js';

export type ReadResult = { event: AuditEvent } | { rejected: RejectReason; detail: string };

const stages = new Set(['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']);

/**
 * One event's JSON text to an `AuditEvent`, or why not. Only the fields detection relies on are
 * checked, by hand: a schema library costs more than the parse itself, and the pipeline must
 * keep up with `JSON.parse`. Fields a rule reads beyond these are checked where they are read.
 */
export function readEvent(text: string, maxBytes: number): ReadResult {
  // UTF-16 length bounds the UTF-8 size from below; a cheap first cut before parsing.
  if (text.length > maxBytes) {
    return { rejected: 'too-large', detail: `${text.length} characters, over ${maxBytes} bytes` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { rejected: 'not-json', detail: error instanceof Error ? error.message : 'not JSON' };
  }
  return checkEvent(value);
}

export function checkEvent(value: unknown): ReadResult {
  if (!isRecord(value)) {
    return { rejected: 'malformed', detail: 'not a JSON object' };
  }
  if (value['apiVersion'] !== auditApiVersion || value['kind'] !== 'Event') {
    const kind = typeof value['kind'] === 'string' ? value['kind'] : '(no kind)';
    const version =
      typeof value['apiVersion'] === 'string' ? value['apiVersion'] : '(no apiVersion)';
    return {
      rejected: 'wrong-api-version',
      detail: `${kind} of ${version}, not an Event of ${auditApiVersion}`,
    };
  }
  const missing = missingField(value);
  if (missing !== undefined) {
    return { rejected: 'malformed', detail: missing };
  }
  return { event: value as unknown as AuditEvent };
}

function missingField(value: Record<string, unknown>): string | undefined {
  for (const field of ['auditID', 'verb', 'requestURI', 'stageTimestamp'] as const) {
    if (typeof value[field] !== 'string') {
      return `${field} is not a string`;
    }
  }
  if (typeof value['stage'] !== 'string' || !stages.has(value['stage'])) {
    return 'stage is not an audit stage';
  }
  const user = value['user'];
  if (!isRecord(user) || typeof user['username'] !== 'string') {
    return 'user.username is not a string';
  }
  if (user['groups'] !== undefined && !Array.isArray(user['groups'])) {
    return 'user.groups is not a list';
  }
  const impersonated = value['impersonatedUser'];
  if (
    impersonated !== undefined &&
    impersonated !== null &&
    (!isRecord(impersonated) || typeof impersonated['username'] !== 'string')
  ) {
    return 'impersonatedUser.username is not a string';
  }
  if (impersonated === null) {
    delete value['impersonatedUser'];
  }
  const ref = value['objectRef'];
  if (ref !== undefined && !isRecord(ref)) {
    return 'objectRef is not an object';
  }
  if (isRecord(ref)) {
    for (const field of ['resource', 'subresource', 'namespace', 'name', 'apiGroup'] as const) {
      if (ref[field] !== undefined && typeof ref[field] !== 'string') {
        return `objectRef.${field} is not a string`;
      }
    }
  }
  const status = value['responseStatus'];
  if (
    status !== undefined &&
    (!isRecord(status) || (status['code'] !== undefined && typeof status['code'] !== 'number'))
  ) {
    return 'responseStatus.code is not a number';
  }
  const ips = value['sourceIPs'];
  if (ips !== undefined && (!Array.isArray(ips) || ips.some((ip) => typeof ip !== 'string'))) {
    return 'sourceIPs is not a list of strings';
  }
  if (value['userAgent'] !== undefined && typeof value['userAgent'] !== 'string') {
    return 'userAgent is not a string';
  }
  const annotations = value['annotations'];
  if (annotations !== undefined && !isRecord(annotations)) {
    return 'annotations is not an object';
  }
  return undefined;
}
