import type { Inventory } from '../core/inventory.js';

/**
 * Reads one SBOM format into an inventory, so a stored SBOM can be matched again without
 * pulling its image. `detect` only looks at the document's marker fields (a CycloneDX
 * `bomFormat`, an SPDX `spdxVersion`) and never throws; `read` validates the whole document
 * and throws an `InputError` naming `source` and the field when something that decides a
 * match is malformed.
 */
export interface SbomReader {
  /** `cyclonedx`, `spdx`: the folder the reader lives in. */
  readonly id: string;
  readonly description: string;
  detect(doc: unknown): boolean;
  /** `source` names the document in messages and notes: the path it was read from. */
  read(doc: unknown, source: string): Inventory;
}
