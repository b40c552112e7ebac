import type { KnownExploited } from '../../core/finding.js';
import type { Logger } from '../../core/logger.js';
import type { OsvRecord } from '../osv/schema.js';

/**
 * What a source yields, one at a time, so a whole feed never sits in memory. Every source
 * speaks OSV: the Debian tracker, Alpine's secdb and Amazon's ALAS are converted into OSV
 * records (ecosystem `Debian:12`, `Alpine:v3.20`, `Amazon Linux:2023`…), so the database and
 * the matcher know one shape. The one exception is exploitation: CISA's catalog names CVEs,
 * not packages, so it yields `exploited` items that the database keeps beside the advisories.
 */
export type SourceItem =
  | {
      kind: 'record';
      record: OsvRecord;
      /** Where it came from, for messages: `all.zip:PYSEC-2021-1.json`, `vulns/x/PYSEC-1.yaml`. */
      origin: string;
    }
  | {
      kind: 'error';
      origin: string;
      /** What was wrong with it, naming the field: the import reports it and goes on. */
      message: string;
    };

/** Not an advisory: a CVE known to be exploited, which every finding of that CVE then carries. */
export interface ExploitedItem {
  kind: 'exploited';
  cveId: string;
  exploited: KnownExploited;
  origin: string;
}

/** Whatever any source yields; each source says which of these it can. */
export type AnySourceItem = SourceItem | ExploitedItem;

export interface SourceContext {
  logger: Logger;
  signal?: AbortSignal;
  /** Temporary files (a downloaded zip) go here and are removed by the caller. */
  tempDir: string;
  /** Per-request timeout for `http(s)` locations, in milliseconds. */
  timeoutMs: number;
}

/**
 * An advisory source: reads one location (a path or an `http(s)` URL) and yields records.
 * A location that cannot be read at all (missing file, not a zip, HTTP 404) throws: that is
 * the user's input being wrong, and nothing is built from it.
 */
export interface AdvisorySource<Item extends AnySourceItem = AnySourceItem> {
  /** `osv`, `debian-tracker`, `alpine-secdb`, `alas`, `kev`. */
  readonly id: string;
  readonly description: string;
  read(location: string, context: SourceContext): AsyncIterable<Item>;
}
