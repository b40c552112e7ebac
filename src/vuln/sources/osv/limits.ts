/**
 * Caps on what an advisory source may make us hold or write. OSV records are small (the
 * largest PyPA and GitHub advisories are a few hundred KiB), so the caps sit far above real
 * data and only stop hostile or broken input from exhausting memory or disk.
 */

/** One record: a file in a directory, or one entry of a zip, uncompressed. */
export const maxRecordBytes = 16 * 1024 * 1024;

/**
 * A single file given as the location. It may be a JSON array of many records, which has to
 * be parsed whole, so it gets more room than one record.
 */
export const maxSingleFileBytes = 256 * 1024 * 1024;

/** Entries in one zip; OSV's largest per-ecosystem all.zip holds a few hundred thousand. */
export const maxZipEntries = 2_000_000;

/** YAML aliases per document: OSV data uses none, and aliases are how YAML bombs expand. */
export const maxYamlAliases = 10;
