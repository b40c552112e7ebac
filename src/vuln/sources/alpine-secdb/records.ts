import type { OsvAffected, OsvRecord } from '../../osv/schema.js';
import type { SourceItem } from '../../source/types.js';
import { notAffected, type FixTable, type HeldAdvisory } from './fix-table.js';

/**
 * Every record's `modified`. secdb carries no date, and a file's modification time would
 * differ between two downloads of the same content; a fixed time keeps the records the same
 * for the same input.
 */
export const recordModified = '1970-01-01T00:00:00Z';

/** `ALPINE-v3.11-CVE-2019-14904`: the release is in the id, since each release is a record. */
export function recordId(release: string, id: string): string {
  return `ALPINE-${release}-${id}`;
}

/** The OSV ecosystem of a release: `Alpine:v3.11`, as osv.dev spells it. */
export function ecosystemOf(release: string): string {
  return `Alpine:${release}`;
}

/**
 * One record per advisory id and release, in id order so that the same input always gives
 * the same sequence. An advisory whose packages were all marked `0` (not affected) yields
 * nothing: a record that affects no package could never match.
 */
export function* recordItems(table: FixTable): Generator<SourceItem> {
  const advisories = [...table.advisories.values()]
    .map((advisory) => ({ advisory, id: recordId(advisory.release, advisory.id) }))
    .sort((a, b) => compareText(a.id, b.id));
  for (const { advisory, id } of advisories) {
    const affected = affectedOf(advisory);
    if (affected.length === 0) {
      continue;
    }
    const record: OsvRecord = {
      id,
      modified: recordModified,
      aliases: [advisory.id],
      ...(advisory.related.size > 0 ? { related: [...advisory.related].sort(compareText) } : {}),
      affected,
    };
    const origin = [...advisory.origins].sort(compareText).join(', ');
    yield { kind: 'record', record, origin };
  }
}

function affectedOf(advisory: HeldAdvisory): OsvAffected[] {
  const ecosystem = ecosystemOf(advisory.release);
  return [...advisory.packages]
    .filter(([, fixed]) => fixed !== notAffected)
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, fixed]) => ({
      package: { ecosystem, name },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
    }));
}

/** By code unit, not locale: the same order on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
