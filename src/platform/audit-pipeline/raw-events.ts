import { isRecord } from '../../core/is-record.js';
import { alertEventMaxBytes } from '../store/index.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const valueMaps = new Set(['Secret', 'ConfigMap']);
const dataKeys = ['data', 'stringData', 'binaryData'] as const;

function redacted(value: unknown): string {
  const size = typeof value === 'string' ? value.length : JSON.stringify(value).length;
  return `[redacted, ${size} characters]`;
}

/**
 * A copy of a Kubernetes object from an audit event with what may hold a credential replaced by
 * a marker that keeps its size: the values (not the keys) of Secrets and ConfigMaps, literal
 * environment values, and `last-applied-configuration`, which repeats the object as applied.
 * Everything else is left as it came, since the point is to show the evidence.
 */
function redactObject(value: unknown, kind?: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => redactObject(item, kind));
  }
  if (!isRecord(value)) {
    return value;
  }
  const ownKind = typeof value['kind'] === 'string' ? value['kind'] : kind;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (
      ownKind !== undefined &&
      valueMaps.has(ownKind) &&
      (dataKeys as readonly string[]).includes(key) &&
      isRecord(inner)
    ) {
      copy[key] = Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, redacted(v)]));
    } else if (key === 'env' && Array.isArray(inner)) {
      copy[key] = (inner as unknown[]).map((entry) =>
        isRecord(entry) && 'value' in entry ? { ...entry, value: redacted(entry['value']) } : entry
      );
    } else if (key === 'annotations' && isRecord(inner) && lastApplied in inner) {
      copy[key] = { ...inner, [lastApplied]: redacted(inner[lastApplied]) };
    } else {
      // `items` of a SecretList hold Secrets that may not repeat their kind.
      copy[key] = redactObject(
        inner,
        key === 'items' && ownKind?.endsWith('List') === true ? ownKind.slice(0, -4) : undefined
      );
    }
  }
  return copy;
}

function resourceKind(event: Record<string, unknown>): string | undefined {
  const ref = event['objectRef'];
  if (!isRecord(ref)) {
    return undefined;
  }
  return ref['resource'] === 'secrets'
    ? 'Secret'
    : ref['resource'] === 'configmaps'
      ? 'ConfigMap'
      : undefined;
}

/**
 * What an alert keeps of a raw audit event: the event with its request and response objects
 * redacted, and, when that is still larger than the store takes, without those objects at
 * all (the rest of the event says who did what to which object). Undefined for what is not an
 * audit event or is too large even then.
 */
export function keptAuditEvent(value: unknown): { auditId: string; event: unknown } | undefined {
  if (!isRecord(value) || typeof value['auditID'] !== 'string' || value['auditID'] === '') {
    return undefined;
  }
  const kind = resourceKind(value);
  const event: Record<string, unknown> = { ...value };
  for (const key of ['requestObject', 'responseObject'] as const) {
    if (key in event) {
      event[key] = redactObject(event[key], kind);
    }
  }
  if (Buffer.byteLength(JSON.stringify(event)) > alertEventMaxBytes) {
    for (const key of ['requestObject', 'responseObject'] as const) {
      if (key in event) {
        event[key] = `[dropped, ${JSON.stringify(event[key]).length} characters]`;
      }
    }
  }
  if (Buffer.byteLength(JSON.stringify(event)) > alertEventMaxBytes) {
    return undefined;
  }
  return { auditId: value['auditID'], event };
}
