import type { ControlRef } from '../check/types.js';
import type { ResourceRef } from '../snapshot/types.js';
import type { Exception } from './types.js';

/** What an exception is matched against: one result of one check. */
export interface Subject {
  check: string;
  controls: readonly ControlRef[];
  resource: ResourceRef;
  labels?: Readonly<Record<string, string>>;
}

/** `ebs-csi-*` matches `ebs-csi-node`; anything else matches only itself. */
export function globMatches(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

function anyMatches(patterns: readonly string[] | undefined, values: readonly string[]): boolean {
  return (
    patterns === undefined ||
    patterns.some((pattern) => values.some((value) => globMatches(pattern, value)))
  );
}

export function exceptionMatches(exception: Exception, subject: Subject): boolean {
  const { resource } = subject;
  return (
    anyMatches(exception.checks, [subject.check]) &&
    anyMatches(
      exception.controls,
      subject.controls.map((control) => `${control.framework}:${control.id}`)
    ) &&
    anyMatches(exception.namespaces, [resource.namespace ?? '']) &&
    anyMatches(exception.kinds, [resource.kind]) &&
    anyMatches(exception.names, [resource.name]) &&
    Object.entries(exception.labels ?? {}).every(([key, value]) => subject.labels?.[key] === value)
  );
}

/** Whether the exception still applies on `now` (it lapses at the start of its expiry date). */
export function isActive(exception: Exception, now: Date): boolean {
  return exception.expires === undefined || now.getTime() < Date.parse(exception.expires);
}
