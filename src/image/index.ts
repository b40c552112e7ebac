/** The image engine's public face: open an image by reference, scan it into an inventory. */
export { analyzers } from './analyzer/api.js';
export type { Analyzer, AnalyzerFile, AnalyzerResult } from './analyzer/types.js';
export { DirectoryLayerCache, type LayerCache } from './cache/layer-cache.js';
export { defaultLimits, type WalkLimits } from './layer/limits.js';
export { hostPlatform, parsePlatform, formatPlatform } from './oci/platform.js';
export { openImage, transportFor } from './source/index.js';
export type { OpenOptions, RegistryOptions, ResolvedImage } from './source/index.js';
export { scanImage, type ScanOptions, type ScanProgress } from './scan.js';
export {
  defaultListLimits,
  openRegistryCatalog,
  type ListLimits,
  type Listing,
  type RegistryCatalog,
  type ResolvedTag,
} from './registry/catalog.js';
export { givenCredentialsOnly } from './auth/api.js';
export {
  createRegistryTransport,
  type RegistryTransportDependencies,
} from './registry/transport.js';
