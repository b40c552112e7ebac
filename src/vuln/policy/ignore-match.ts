import { findingNames, nameKey } from './names.js';
import { purlMatches, type PurlParts } from './purl-pattern.js';
import type { IgnoreEntry, IgnoreList } from './types.js';

/** Whether an entry no longer applies at `now`: it expires at its instant, not after it. */
export function isExpired(entry: IgnoreEntry, now: number): boolean {
  return entry.expires !== undefined && now >= entry.expires.at;
}

/**
 * Every expired entry of the list, as a sentence for the CLI to print as a warning. All are
 * listed, whether or not they would match a finding: a lapsed acceptance is worth reviewing
 * either way, and the list must not change with what one scan happened to find.
 */
export function expiredWarnings(list: IgnoreList, now: number): string[] {
  return list.entries
    .filter((entry) => isExpired(entry, now))
    .map(
      (entry) =>
        `ignore entry ${entry.entry} for ${entry.id} expired on ${entry.expires?.text ?? ''} ` +
        `(${list.source}${entry.line === undefined ? '' : `, line ${entry.line}`})`
    );
}

/**
 * The first unexpired entry that names the finding (its id or any alias) and, when the entry
 * has a package, selects the finding's package. A finding whose purl could not be read
 * (`purl` undefined) is matched only by entries without a package.
 */
export function matchIgnoreEntry(
  finding: { id: string; aliases: string[] },
  purl: PurlParts | undefined,
  entries: readonly IgnoreEntry[],
  now: number
): IgnoreEntry | undefined {
  const names = findingNames(finding);
  return entries.find(
    (entry) =>
      !isExpired(entry, now) &&
      names.has(nameKey(entry.id)) &&
      (entry.package === undefined || (purl !== undefined && purlMatches(entry.package, purl)))
  );
}
