import type { VersionScheme } from '../version/types.js';
import type { OsvRange, StoredAffected } from './schema.js';

/**
 * Whether `version` falls in an OSV `affected` entry (range events in version order): listed
 * in `versions`, or inside one of its SEMVER or ECOSYSTEM ranges. GIT ranges name commits, not versions, and are not
 * evaluated here. Throws the scheme's InvalidVersionError when a version cannot be ordered,
 * so the caller reports an unknown rather than a guess.
 */
export function isAffected(
  version: string,
  affected: StoredAffected,
  scheme: VersionScheme
): boolean {
  if (
    affected.versions?.some((listed) => listed === version || safeEqual(scheme, listed, version))
  ) {
    return true;
  }
  return (affected.ranges ?? []).some(
    (range) => range.type !== 'GIT' && inRange(version, range, scheme)
  );
}

function safeEqual(scheme: VersionScheme, a: string, b: string): boolean {
  return scheme.isValid(a) && scheme.compare(a, b) === 0;
}

/**
 * OSV's evaluation: walk the events in version order; an `introduced` at or below the version
 * turns it affected, a `fixed` at or below (or a `last_affected` below) turns it back. A
 * `limit` caps the range from above. Events must already be in order (`orderEvents`): the
 * database stores them so, and matching must not sort on every comparison.
 */
function inRange(version: string, range: OsvRange, scheme: VersionScheme): boolean {
  const events = range.events;
  let affected = false;
  for (const event of events) {
    if ('introduced' in event) {
      if (event.introduced === '0' || scheme.compare(version, event.introduced) >= 0) {
        affected = true;
      }
    } else if ('fixed' in event) {
      if (scheme.compare(version, event.fixed) >= 0) {
        affected = false;
      }
    } else if ('last_affected' in event) {
      if (scheme.compare(version, event.last_affected) > 0) {
        affected = false;
      }
    }
  }
  const limits = events.flatMap((event) => ('limit' in event ? [event.limit] : []));
  return (
    affected && (limits.length === 0 || limits.some((limit) => scheme.compare(version, limit) < 0))
  );
}

/** The fixed versions an entry names, for the finding's "fixed in". */
export function fixedVersions(affected: StoredAffected): string[] {
  return (affected.ranges ?? []).flatMap((range) =>
    range.type === 'GIT'
      ? []
      : range.events.flatMap((event) => ('fixed' in event ? [event.fixed] : []))
  );
}
