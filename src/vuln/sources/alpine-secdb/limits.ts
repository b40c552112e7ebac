/**
 * Caps on what the secdb source may make us hold. Real secdb files are small (a release's
 * `main.json` is a few MiB at most), so the caps sit far above real data and only stop
 * hostile or broken input from exhausting memory.
 */

/** One secdb file, in a directory or given as the location. */
export const maxFileBytes = 64 * 1024 * 1024;

/**
 * Package fixes held at once. Records group every package fixed for a CVE in a release, and
 * a release's packages may come from several files, so fixes are held until every file is
 * read. All of Alpine's releases together list well under a million.
 */
export const maxHeldFixes = 5_000_000;

/** YAML aliases per document: secdb uses none, and aliases are how YAML bombs expand. */
export const maxYamlAliases = 10;

/** How much of an odd value an error item quotes: enough to find it, not a whole file. */
export const maxQuotedChars = 120;
