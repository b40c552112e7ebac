import type { PackageRecord } from '../../../core/package.js';

/**
 * Only crates from crates.io are reported: the crates.io advisories (RustSec, OSV) describe
 * those and no others. A crate from git or from another registry may share a name with an
 * unrelated crates.io crate, so matching it would be a guess; it is counted in a note instead.
 * Local (path) crates are the project's own code, which no advisory covers: skipped silently.
 */
export interface SkippedCrate {
  name: string;
  version: string;
  /** `git`, `another registry`: where it came from instead. */
  origin: string;
}

/** How many skipped crates a note names before it only counts. */
const namedInNote = 10;

export function crate(name: string, version: string): PackageRecord {
  return { type: 'cargo', name, version, licenses: [] };
}

export function skippedNote(skipped: readonly SkippedCrate[]): string | undefined {
  if (skipped.length === 0) {
    return undefined;
  }
  const named = skipped
    .slice(0, namedInNote)
    .map((entry) => `${entry.name} ${entry.version} (${entry.origin})`)
    .join(', ');
  const more = skipped.length > namedInNote ? ` and ${skipped.length - namedInNote} more` : '';
  return `${skipped.length} crate(s) not from crates.io are not reported: ${named}${more}`;
}
