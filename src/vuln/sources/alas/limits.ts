/**
 * Caps on what an updateinfo.xml may make us hold. Amazon's files are tens of MiB with a few
 * thousand updates, the longest description a few hundred KiB and the largest package list a
 * few hundred entries, so the caps sit far above real data and only stop hostile or broken
 * input from exhausting memory or time.
 */

/** The whole document, after gunzip: a gzip bomb stops here rather than running for hours. */
export const maxDocumentBytes = 2 * 1024 * 1024 * 1024;

/**
 * One token the parser has to hold whole before it reports it: a run of text, an attribute,
 * a comment, a `<!DOCTYPE …>`. Past this the document is refused, since nothing after it can
 * be read without holding it.
 */
export const maxTokenChars = 4 * 1024 * 1024;

/** The text of one element we keep (`<description>`), summed over its pieces. */
export const maxTextChars = 4 * 1024 * 1024;

/** One attribute value we keep (a package's name or version, a reference's href). */
export const maxAttributeChars = 4096;

/** Attributes on one start tag; real tags have at most seven. */
export const maxAttributes = 64;

/** How deep elements nest; updateinfo.xml needs six levels. */
export const maxDepth = 32;

/** `<update>` elements in one document, of every type. */
export const maxUpdates = 200_000;

/** `<package>` elements in one update, every arch counted. */
export const maxPackages = 10_000;

/** `<reference>` elements in one update. */
export const maxReferences = 10_000;
