/**
 * Caps on the policy files we read. Real ignore files and VEX documents are kilobytes; the caps
 * sit far above that and only stop a wrong path (a disk image, a log) from filling memory.
 */

/** An ignore file, YAML or `.trivyignore`. */
export const maxIgnoreFileBytes = 8 * 1024 * 1024;

/** One OpenVEX document. Vendors publish one document per product, some of them large. */
export const maxVexFileBytes = 64 * 1024 * 1024;

/** YAML aliases per ignore file: an ignore list needs none, and aliases are how YAML bombs grow. */
export const maxYamlAliases = 10;

/** How much of a value an error message quotes: enough to find it, never a whole file. */
export const maxQuotedChars = 120;
