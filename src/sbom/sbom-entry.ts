import type { LayerRef } from '../core/package.js';

/**
 * One package as a reader found it in a document, before its package URL is read. The purl
 * decides the match; the rest is what the format could say beside it.
 */
export interface SbomEntry {
  /** Where in the document, for messages: `components[3]`, `packages[12]`. */
  where: string;
  purl: string;
  licenses: string[];
  vendor?: string;
  /** The package database inside the image, when the SBOM says (our own SBOMs do). */
  location?: string;
  /** What inside that file named the package (our own SBOMs say, for jars and binaries). */
  evidence?: string;
  layer?: LayerRef;
  /** The source package as the SBOM states it apart from the purl (our own properties). */
  source?: { name?: string; version?: string };
}
