/** Caps that keep a hostile layer from costing unbounded time, memory or disk. */
export interface WalkLimits {
  /** Tar entries per layer. */
  maxEntries: number;
  /** Uncompressed bytes per layer: a decompression bomb stops here. */
  maxLayerBytes: number;
  /** Longest path accepted, in bytes. */
  maxPathLength: number;
}

export const defaultLimits: WalkLimits = {
  maxEntries: 5_000_000,
  maxLayerBytes: 32 * 1024 ** 3,
  maxPathLength: 4096,
};
