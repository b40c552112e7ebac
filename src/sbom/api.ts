import { reader as cyclonedx } from './cyclonedx/index.js';
import { reader as spdx } from './spdx/index.js';
import type { SbomReader } from './types.js';

/** Every SBOM reader, by id, in the order they are asked. Adding one is one import and one entry. */
export const sbomReaders: ReadonlyMap<string, SbomReader> = new Map(
  [cyclonedx, spdx].map((reader) => [reader.id, reader])
);
