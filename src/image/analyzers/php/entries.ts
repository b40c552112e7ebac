import { z } from 'zod';
import type { PackageRecord } from '../../../core/package.js';

/**
 * One package as Composer writes it into `installed.json` and `composer.lock`. Only the name
 * and version decide; the rest of an entry (source, dist, autoload…) is not looked at, so a
 * package with an odd `autoload` is still reported.
 */
const Entry = z.object({
  // Composer's name rule, written without nested optional parts so it cannot backtrack.
  name: z
    .string()
    .max(200)
    .regex(/^[a-z0-9]+(?:[_.-][a-z0-9]+)*\/[a-z0-9]+(?:(?:[_.]|--?)[a-z0-9]+)*$/i),
  version: z.string().min(1).max(200).regex(/^\S+$/),
  // Composer 1 wrote a single licence as a string; both give the SPDX identifiers declared.
  license: z.union([z.array(z.string()), z.string()]).optional(),
});

export const EntryList = z.array(z.unknown());

export interface Listed {
  packages: PackageRecord[];
  notes: string[];
}

/**
 * The packages of one list, skipping names in `skip` (dev packages). An entry that does not
 * parse becomes a note naming its place (`packages[3]`) and the others are still reported,
 * since one hand-edited entry says nothing about the rest.
 */
export function readEntries(
  list: readonly unknown[],
  where: string,
  skip: ReadonlySet<string> = new Set()
): Listed {
  const listed: Listed = { packages: [], notes: [] };
  list.forEach((raw, index) => {
    const parsed = Entry.safeParse(raw);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || '(entry)';
      listed.notes.push(`${where}[${index}]: ${field} is missing or malformed; skipped`);
      return;
    }
    const { name, version, license } = parsed.data;
    if (skip.has(name.toLowerCase())) {
      return;
    }
    const licenses = license === undefined ? [] : typeof license === 'string' ? [license] : license;
    // The version as Composer printed it (`v5.4.0` or `1.2.3`); see readme.md.
    listed.packages.push({ type: 'composer', name, version, licenses });
  });
  return listed;
}
