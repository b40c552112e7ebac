import { InputError } from '../../../core/errors.js';
import { scheme as apk } from '../../versions/apk/index.js';
import { maxHeldFixes } from './limits.js';

/** secdb's fixed version for "this release never had the flaw": Alpine marks CVEs that do not apply. */
export const notAffected = '0';

/** Everything known about one advisory id in one release, across all files read. */
export interface HeldAdvisory {
  /** `v3.11` or `edge`, as secdb writes it. */
  release: string;
  /** `CVE-2019-14904`, or another kind of id when the entry named no CVE. */
  id: string;
  /** Package name → the lowest fixed version listed for it, or `0`. */
  packages: Map<string, string>;
  /** Ids of other databases written beside it (`XSA-182` beside a CVE). */
  related: Set<string>;
  /** The files that mention it, for the record's origin. */
  origins: Set<string>;
}

/**
 * Fixes gathered from every file before any record is built: one record covers a CVE in a
 * release, and that release's packages may come from several files (`main` and `community`).
 */
export interface FixTable {
  advisories: Map<string, HeldAdvisory>;
  held: number;
}

export interface Fix {
  release: string;
  id: string;
  packageName: string;
  /** A version the apk scheme reads, or `0`; the caller checks it. */
  fixed: string;
  related: readonly string[];
  origin: string;
}

export function createFixTable(): FixTable {
  return { advisories: new Map(), held: 0 };
}

export function addFix(table: FixTable, fix: Fix): void {
  const key = `${fix.release} ${fix.id}`;
  let advisory = table.advisories.get(key);
  if (!advisory) {
    advisory = {
      release: fix.release,
      id: fix.id,
      packages: new Map(),
      related: new Set(),
      origins: new Set(),
    };
    table.advisories.set(key, advisory);
  }
  const previous = advisory.packages.get(fix.packageName);
  if (previous === undefined) {
    table.held += 1;
    if (table.held > maxHeldFixes) {
      throw new InputError(`the secdb lists more than ${maxHeldFixes} package fixes`);
    }
  }
  advisory.packages.set(fix.packageName, lowerFix(previous, fix.fixed));
  for (const id of fix.related) {
    advisory.related.add(id);
  }
  advisory.origins.add(fix.origin);
}

/**
 * A CVE listed under two fixed versions of one package in one release: the lowest wins. The
 * repeats come from the package's history across upstream branches (wireshark lists
 * CVE-2017-15191 under 2.2.10-r0 and 2.4.2-r0) or from a fix applied again; the lowest is the
 * first build that carried it. The cost, accepted: a version between the two (2.4.0-r0)
 * reads as fixed. A real version beats `0`: the file contradicts itself, and reporting the
 * package until its fix is the safer reading.
 */
function lowerFix(previous: string | undefined, next: string): string {
  if (previous === undefined || previous === notAffected) {
    return next;
  }
  if (next === notAffected) {
    return previous;
  }
  return apk.compare(next, previous) < 0 ? next : previous;
}
