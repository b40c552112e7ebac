import type { AuditEvent } from '../audit/event.js';
import { objectName, resourcePath, usernameOf } from '../audit/fields.js';

/**
 * Phrases and values the access rules share: who acted, what they asked for, how it ended,
 * which source address matched a list. Everything here reads client-supplied strings, so each
 * is capped before it reaches a message.
 */

const maxText = 200;

function capped(text: string, max = maxText): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `alice`, or `alice (impersonated by bob)`. */
export function actorOf(event: AuditEvent): string {
  const acting = capped(usernameOf(event));
  return event.impersonatedUser !== undefined
    ? `${acting} (impersonated by ${capped(event.user.username)})`
    : acting;
}

/** The path of `requestURI` without its query: `/api/v1/namespaces/shop/pods/web/exec`. */
export function requestPath(event: AuditEvent): string {
  const uri = typeof event.requestURI === 'string' ? event.requestURI : '';
  const query = uri.indexOf('?');
  return capped(query >= 0 ? uri.slice(0, query) : uri);
}

const maxQueryValues = 64;

/** Every value of a query parameter of `requestURI`, decoded, capped in count. */
export function queryValues(event: AuditEvent, name: string): string[] {
  const uri = typeof event.requestURI === 'string' ? event.requestURI : '';
  const query = uri.indexOf('?');
  if (query < 0) {
    return [];
  }
  try {
    return new URLSearchParams(uri.slice(query + 1)).getAll(name).slice(0, maxQueryValues);
  } catch {
    return [];
  }
}

/**
 * `get secrets kube-system/db`, `get nodes ip-10-0-1-7`, `list pods in namespace shop`,
 * `list secrets`, or `get /version` for a non-resource URL.
 */
export function describeRequest(event: AuditEvent): string {
  const path = resourcePath(event);
  const verb = capped(event.verb, 40);
  if (path === '-') {
    return `${verb} ${requestPath(event)}`;
  }
  const name = objectName(event);
  const namespace = event.objectRef?.namespace;
  const what = `${verb} ${capped(path)}`;
  if (name !== undefined && name !== '') {
    return `${what} ${capped(namespace ? `${namespace}/${name}` : name)}`;
  }
  return namespace ? `${what} in namespace ${capped(namespace)}` : what;
}

/** `allowed (200)`, `denied (403)`, `answered 404`, or `no response code`. */
export function outcomeOf(event: AuditEvent): string {
  const code = event.responseStatus?.code;
  if (code === undefined) {
    return 'no response code';
  }
  if ((code >= 200 && code < 300) || code === 101) {
    return `allowed (${code})`;
  }
  if (code === 401 || code === 403) {
    return `denied (${code})`;
  }
  return `answered ${code}`;
}

const pastTense: Record<string, string> = {
  create: 'created',
  update: 'updated',
  patch: 'patched',
  delete: 'deleted',
  deletecollection: 'deleted',
};

/** `created`, `patched`; the verb itself for any other. */
export function didVerb(event: AuditEvent): string {
  return pastTense[event.verb] ?? capped(event.verb, 40);
}

/** A source address found on a threat list. */
export interface SourceIpMatch {
  ip: string;
  list: string;
  /** Its position in `sourceIPs`. */
  index: number;
  /** The last entry is the address the API server saw; the others came from forwarding headers. */
  last: boolean;
}

const maxSourceIps = 16;

/**
 * The first of the event's source addresses the lookup names a list for. Every entry is looked
 * up: the forwarded ones can be forged, but a forged Tor address is itself worth a look, and the
 * message says which it was.
 */
export function matchSourceIp(
  event: AuditEvent,
  lookup: (ip: string) => string | undefined
): SourceIpMatch | undefined {
  const ips = event.sourceIPs;
  if (!Array.isArray(ips)) {
    return undefined;
  }
  const count = Math.min(ips.length, maxSourceIps);
  for (let index = 0; index < count; index++) {
    const ip = ips[index];
    if (typeof ip !== 'string' || ip === '') {
      continue;
    }
    const list = lookup(ip);
    if (list !== undefined) {
      return { ip, list, index, last: index === ips.length - 1 };
    }
  }
  return undefined;
}

/** The sentence a message adds when the matched address is not the one the server saw. */
export function forwardedNote(match: SourceIpMatch): string {
  return match.last
    ? ''
    : ` The address is entry ${match.index + 1} of sourceIPs, taken from a forwarding header` +
        ' (X-Forwarded-For or X-Real-Ip) that the client can forge; only the last entry is the' +
        ' address the API server saw.';
}
