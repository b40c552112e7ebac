import type { SourceItem } from '../../source/types.js';
import { scheme as apk } from '../../versions/apk/index.js';
import { splitEntry } from './advisory-ids.js';
import { addFix, notAffected, type FixTable } from './fix-table.js';
import { maxQuotedChars } from './limits.js';
import { describeIssues, SecdbPackage } from './secdb-schema.js';

/** Where one package sits: its file, its place in `packages`, its release. */
export interface PackagePlace {
  origin: string;
  index: number;
  release: string;
}

/**
 * Adds one package's fixes to the table and yields an error item for each part that cannot
 * be used, naming the package, the fixed version and the value; the rest of the package is
 * still read, so one odd entry costs only itself.
 */
export function* addPackageFixes(
  raw: unknown,
  place: PackagePlace,
  table: FixTable
): Generator<SourceItem> {
  const { origin } = place;
  const parsed = SecdbPackage.safeParse(raw);
  if (!parsed.success) {
    const message = `packages.${place.index}: not a secdb package: ${describeIssues(parsed.error.issues)}`;
    yield { kind: 'error', origin, message };
    return;
  }
  const { name, secfixes } = parsed.data.pkg;
  for (const [fixed, entries] of Object.entries(secfixes)) {
    const where = `package ${name}, fixed ${quote(fixed)}`;
    if (entries === null || (Array.isArray(entries) && entries.length === 0)) {
      yield { kind: 'error', origin, message: `${where}: lists no advisory ids` };
    } else if (!Array.isArray(entries)) {
      yield { kind: 'error', origin, message: `${where}: expected a list of advisory ids` };
    } else if (fixed !== notAffected && !apk.isValid(fixed)) {
      // Guessing what a malformed version meant (`10.2.26.r0`, `4.10-1-r1`) could move the
      // line between fixed and vulnerable; its advisories are left out and reported instead.
      const count = entries.length === 1 ? 'its 1 entry is' : `its ${entries.length} entries are`;
      const message = `${where}: not a valid apk version, so ${count} left out`;
      yield { kind: 'error', origin, message };
    } else {
      const values: unknown[] = entries;
      for (const value of values) {
        yield* addEntry(value, { ...place, name, fixed, where }, table);
      }
    }
  }
}

interface EntryPlace extends PackagePlace {
  name: string;
  fixed: string;
  where: string;
}

/**
 * Each CVE in the entry gets the fix; ids of other databases written beside a CVE are kept
 * as its related ids. An entry with no CVE (`XSA-207`) keys its own advisories on the ids it
 * has, so a fix Alpine recorded is not lost for want of a CVE.
 */
function* addEntry(value: unknown, place: EntryPlace, table: FixTable): Generator<SourceItem> {
  const { origin, where } = place;
  if (typeof value !== 'string') {
    yield { kind: 'error', origin, message: `${where}: an entry is not text` };
    return;
  }
  const ids = splitEntry(value);
  const keyed = ids.cves.length > 0 ? ids.cves : ids.others;
  const related = ids.cves.length > 0 ? ids.others : [];
  if (ids.unknown.length > 0) {
    // Saying what was kept tells the reader that only the odd words were lost.
    const words = ids.unknown.map(quote).join(', ');
    const kept = [...keyed, ...related];
    const keptNote = kept.length > 0 ? ` (kept: ${kept.join(', ')})` : '';
    const message = `${where}, entry ${quote(value)}: not an advisory id: ${words}${keptNote}`;
    yield { kind: 'error', origin, message };
  } else if (keyed.length === 0) {
    yield { kind: 'error', origin, message: `${where}, entry ${quote(value)}: names no advisory` };
  }
  for (const id of keyed) {
    addFix(table, {
      release: place.release,
      id,
      packageName: place.name,
      fixed: place.fixed,
      related,
      origin,
    });
  }
}

function quote(text: string): string {
  const shown = text.length > maxQuotedChars ? `${text.slice(0, maxQuotedChars)}…` : text;
  return JSON.stringify(shown);
}
