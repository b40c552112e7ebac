import { eventVersion, isOrigin, orderEvents } from '../osv/events.js';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord, StoredAffected } from '../osv/schema.js';
import { InvalidVersionError, schemeForEcosystem, type VersionScheme } from '../version/index.js';
import { normalisePackageName, splitEcosystem } from './ecosystem.js';

/** One row of the `affected` table, ready to insert. */
export interface AffectedRow {
  ecosystem: string;
  release: string;
  package: string;
  /** The OSV `affected` entry with GIT ranges dropped and events in version order. */
  entry: StoredAffected;
}

export interface NormalisedRecord {
  rows: AffectedRow[];
  /** Problems with single `affected` entries; the rest of the record is kept. */
  problems: string[];
}

/**
 * Checks each `affected` entry against its ecosystem's version scheme and orders its events
 * once, here, so matching walks them without sorting. An entry whose ecosystem is unknown or
 * whose versions the scheme cannot read is left out and named in `problems`: it could only
 * ever produce a guess.
 */
export function normaliseRecord(record: OsvRecord): NormalisedRecord {
  const rows: AffectedRow[] = [];
  const problems: string[] = [];
  for (const [index, affected] of (record.affected ?? []).entries()) {
    const where = `affected[${index}] (${affected.package.ecosystem}/${affected.package.name})`;
    const scheme = schemeForEcosystem(affected.package.ecosystem);
    if (!scheme) {
      problems.push(`${where}: unknown ecosystem ${JSON.stringify(affected.package.ecosystem)}`);
      continue;
    }
    try {
      const entry = orderedEntry(affected, scheme);
      const key = splitEcosystem(affected.package.ecosystem);
      rows.push({
        ecosystem: key.ecosystem,
        release: key.release,
        package: normalisePackageName(key.ecosystem, affected.package.name),
        entry,
      });
    } catch (error) {
      if (!(error instanceof InvalidVersionError)) {
        throw error;
      }
      problems.push(`${where}: ${error.message}`);
    }
  }
  return { rows, problems };
}

function orderedEntry(affected: OsvAffected, scheme: VersionScheme): StoredAffected {
  const ranges = (affected.ranges ?? [])
    .filter((range) => range.type !== 'GIT')
    .map((range): OsvRange => ({ ...range, events: orderedEvents(range.events, scheme) }));
  for (const version of affected.versions ?? []) {
    if (!scheme.isValid(version)) {
      throw new InvalidVersionError(scheme.id, version);
    }
  }
  const stored: StoredAffected = { ranges };
  if (affected.versions) {
    stored.versions = affected.versions;
  }
  if (affected.severity) {
    stored.severity = affected.severity;
  }
  if (affected.database_specific) {
    stored.database_specific = affected.database_specific;
  }
  return stored;
}

function orderedEvents(events: readonly OsvEvent[], scheme: VersionScheme): OsvEvent[] {
  for (const event of events) {
    if (!isOrigin(event) && !scheme.isValid(eventVersion(event))) {
      throw new InvalidVersionError(scheme.id, eventVersion(event));
    }
  }
  return orderEvents(events, scheme);
}
