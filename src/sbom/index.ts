/** The SBOM engine's public face: reading stored SBOMs back into inventories. */
export { sbomReaders } from './api.js';
export { sbomLimits } from './limits.js';
export { readSbom, readSbomFile } from './read-sbom.js';
export type { SbomReader } from './types.js';
