import type { AuditEvent } from '../audit/event.js';
import {
  containersOf,
  objectName,
  podSpecOf,
  resourcePath,
  resultingObject,
  serviceAccountOf,
} from '../audit/fields.js';
import type { DetectionException } from './types.js';

/** A compiled exception: each pattern list as one regular expression. */
export interface CompiledException {
  exception: DetectionException;
  rules?: RegExp;
  users?: RegExp;
  groups?: RegExp;
  serviceAccounts?: RegExp;
  namespaces?: RegExp;
  resources?: RegExp;
  names?: RegExp;
  images?: RegExp;
  userAgents?: RegExp;
}

/** Every dimension an exception can scope, in the order they are documented. */
export const exceptionDimensions = [
  'rules',
  'users',
  'groups',
  'serviceAccounts',
  'namespaces',
  'resources',
  'names',
  'images',
  'userAgents',
] as const;

/** `a*b` → `^a.*b$`, every other character literal. */
function patternOf(entries: readonly string[]): RegExp {
  const alternatives = entries.map((entry) =>
    entry
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

export function compileException(exception: DetectionException): CompiledException {
  const compiled: CompiledException = { exception };
  for (const dimension of exceptionDimensions) {
    const entries = exception[dimension];
    if (entries !== undefined && entries.length > 0) {
      compiled[dimension] = patternOf(entries);
    }
  }
  return compiled;
}

export function isActive(exception: DetectionException, now: Date): boolean {
  return exception.expires === undefined || now.toISOString().slice(0, 10) < exception.expires;
}

/** Whether the exception covers this detection on this event. */
export function exceptionMatches(
  compiled: CompiledException,
  detection: string,
  event: AuditEvent
): boolean {
  if (compiled.rules && !compiled.rules.test(detection)) {
    return false;
  }
  const user = event.impersonatedUser ?? event.user;
  if (compiled.users && !compiled.users.test(user.username)) {
    return false;
  }
  if (compiled.groups && !(user.groups ?? []).some((group) => compiled.groups?.test(group))) {
    return false;
  }
  if (compiled.serviceAccounts) {
    const account = serviceAccountOf(user.username);
    if (!account || !compiled.serviceAccounts.test(`${account.namespace}/${account.name}`)) {
      return false;
    }
  }
  if (compiled.namespaces && !compiled.namespaces.test(event.objectRef?.namespace ?? '')) {
    return false;
  }
  if (compiled.resources && !compiled.resources.test(resourcePath(event))) {
    return false;
  }
  if (compiled.names && !compiled.names.test(objectName(event) ?? '')) {
    return false;
  }
  if (compiled.userAgents && !compiled.userAgents.test(event.userAgent ?? '')) {
    return false;
  }
  if (compiled.images) {
    const images = containersOf(podSpecOf(resultingObject(event))).map(({ image }) => image);
    // Every image must be covered: one excepted sidecar must not hide a second container.
    if (images.length === 0 || !images.every((image) => compiled.images?.test(image))) {
      return false;
    }
  }
  return true;
}
