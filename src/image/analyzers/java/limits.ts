const MiB = 1024 * 1024;

/**
 * Caps on what one archive (the file in the image, with everything nested in it) may cost.
 * Legitimate archives stay far below each; a hostile one meets a cap, becomes a note, and the
 * rest of the archive is still reported.
 */
export interface JavaLimits {
  /** Archives inside archives: the file in the image is depth 0. */
  maxDepth: number;
  /** Declared size of one nested archive, before it is inflated. */
  maxNestedArchiveBytes: number;
  /** Declared size of one MANIFEST.MF or pom.properties. */
  maxMetadataBytes: number;
  /** Entry bytes taken (inflated, or stored and viewed) for one file in the image, all depths. */
  maxReadBytes: number;
  /** Entries one central directory may list. */
  maxEntriesPerArchive: number;
  /** Entries listed by all the archives of one file together. */
  maxTotalEntries: number;
  /** Inflated-to-compressed ratio above which an entry over `ratioFloorBytes` is refused. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Notes kept for one file; the rest are counted in a last note. */
  maxNotes: number;
}

export const javaLimits: JavaLimits = {
  maxDepth: 4,
  maxNestedArchiveBytes: 256 * MiB,
  maxMetadataBytes: 10 * MiB,
  maxReadBytes: 1024 * MiB,
  maxEntriesPerArchive: 1_000_000,
  maxTotalEntries: 2_000_000,
  maxCompressionRatio: 100,
  ratioFloorBytes: 1 * MiB,
  maxNotes: 50,
};

/** The largest file in an image the analyzer reads. */
export const maxArchiveFileSize = 512 * MiB;
