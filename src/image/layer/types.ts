import type { AnalyzerResult } from '../analyzer/types.js';

/** What one analyzer made of one file. */
export interface FileFinding {
  analyzer: string;
  result: AnalyzerResult;
}

/**
 * Everything the scan keeps from one layer: per-file findings and what the layer deletes.
 * It is plain JSON so the layer cache can store it as it is.
 */
export interface LayerAnalysis {
  /** Paths removed by `.wh.<name>` entries, with their subtrees. */
  whiteouts: string[];
  /** Directories whose lower-layer contents `.wh..wh..opq` hides. */
  opaqueDirs: string[];
  /** Wanted paths this layer replaced with something that is not a regular file. */
  shadowed: string[];
  /** Findings keyed by file path. */
  files: Record<string, FileFinding[]>;
  notes: string[];
  entries: number;
  /** Uncompressed bytes walked. */
  bytes: number;
}

export function emptyLayerAnalysis(): LayerAnalysis {
  return {
    whiteouts: [],
    opaqueDirs: [],
    shadowed: [],
    files: {},
    notes: [],
    entries: 0,
    bytes: 0,
  };
}
