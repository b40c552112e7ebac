import { silentLogger } from '../../src/core/logger.js';
import { buildAdvisoryDb, type BuildReport } from '../../src/vuln/db/build.js';
import type { OsvRecord } from '../../src/vuln/osv/schema.js';
import type { AdvisorySource, AnySourceItem, SourceItem } from '../../src/vuln/source/types.js';

/** A source that yields the items it is given, then fails if told to. */
export function listSource(items: readonly AnySourceItem[], failAfter?: Error): AdvisorySource {
  return {
    id: 'osv',
    description: 'records given by a test',
    async *read() {
      for (const item of items) {
        yield await Promise.resolve(item);
      }
      if (failAfter) {
        throw failAfter;
      }
    },
  };
}

/**
 * One advisory with one range, from the beginning to `fixed`: the shape most tests need.
 * `SEMVER` for the Go database and RustSec, `ECOSYSTEM` for the rest.
 */
export function fixedIn(
  id: string,
  ecosystem: string,
  name: string,
  fixed: string,
  options: { type?: 'ECOSYSTEM' | 'SEMVER'; specific?: Record<string, unknown> } = {}
): OsvRecord {
  return {
    id,
    modified: '2024-05-01T00:00:00Z',
    summary: `${name}: ${id}`,
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: options.type ?? 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
        ...(options.specific ? { database_specific: options.specific } : {}),
      },
    ],
  };
}

export function recordItem(record: OsvRecord, origin = `${record.id}.json`): SourceItem {
  return { kind: 'record', record, origin };
}

/** Builds a database at `path` from records, as `palisade db update` would. */
export function buildFromRecords(
  path: string,
  items: readonly AnySourceItem[],
  tempDir: string,
  options: { failAfter?: Error; location?: string } = {}
): Promise<BuildReport> {
  return buildAdvisoryDb(
    path,
    [
      {
        source: listSource(items, options.failAfter),
        location: options.location ?? 'test-records',
      },
    ],
    {
      logger: silentLogger,
      toolVersion: '9.9.9',
      tempDir,
      timeoutMs: 1000,
      now: () => new Date('2024-06-01T00:00:00Z'),
    }
  );
}
