import type { VersionScheme } from '../version/types.js';
import type { OsvEvent } from './schema.js';

/** The version an event names. */
export function eventVersion(event: OsvEvent): string {
  if ('introduced' in event) {
    return event.introduced;
  }
  if ('fixed' in event) {
    return event.fixed;
  }
  return 'last_affected' in event ? event.last_affected : event.limit;
}

/** OSV's `introduced: "0"`: before every version, and not a version the scheme must read. */
export function isOrigin(event: OsvEvent): boolean {
  return 'introduced' in event && event.introduced === '0';
}

/** Events in version order, the origin first. Throws the scheme's InvalidVersionError. */
export function orderEvents(events: readonly OsvEvent[], scheme: VersionScheme): OsvEvent[] {
  return [...events].sort((a, b) => {
    const aOrigin = isOrigin(a);
    const bOrigin = isOrigin(b);
    if (aOrigin || bOrigin) {
      return aOrigin === bOrigin ? 0 : aOrigin ? -1 : 1;
    }
    return scheme.compare(eventVersion(a), eventVersion(b));
  });
}
