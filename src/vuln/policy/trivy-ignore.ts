import { InputError } from '../../core/errors.js';
import { expiryProblem } from './ignore-yaml.js';
import { parseInstant } from './instant.js';
import { maxQuotedChars } from './limits.js';
import type { IgnoreEntry, IgnoreList } from './types.js';

/**
 * Reads Trivy's `.trivyignore`, so users can bring the file they have: one id per line,
 * optionally followed by `exp:2025-01-31`; blank lines and lines starting with `#` are
 * skipped, and a `#` after the id starts a comment. The format has no reason field, so each
 * entry's reason says where it was listed. Any other word on a line is an error rather than
 * skipped as Trivy does: `exp 2025-01-31` (a typo) would otherwise never expire.
 */
export function parseTrivyIgnore(content: string, source: string): IgnoreList {
  const entries: IgnoreEntry[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const words = (raw.split('#', 1)[0] ?? '').trim().split(/\s+/).filter(Boolean);
    const [id, ...rest] = words;
    if (id === undefined) {
      return;
    }
    let expires: IgnoreEntry['expires'];
    for (const word of rest) {
      const value = /^exp:(.*)$/.exec(word)?.[1];
      if (value === undefined || expires !== undefined) {
        throw new InputError(
          `${source}: line ${line}: expected an id and at most one exp:DATE, found "${word.slice(0, maxQuotedChars)}"`
        );
      }
      const at = parseInstant(value);
      if (at === undefined) {
        throw new InputError(`${source}: line ${line}: exp ${expiryProblem}`);
      }
      expires = { text: value, at };
    }
    entries.push({
      entry: entries.length + 1,
      line,
      id,
      ...(expires ? { expires } : {}),
      reason: `listed in ${source}`,
    });
  });
  return { source, entries };
}
