/** The vulnerability engine's public face: version schemes, the advisory database and its sources. */
export { advisorySources } from './source/api.js';
export type { AdvisorySource, SourceItem } from './source/types.js';
export { buildAdvisoryDb, type BuildInput, type BuildReport } from './db/build.js';
export { AdvisoryDb, type DbStatus } from './db/reader.js';
export { exportAdvisoryDb, importAdvisoryDb } from './db/transfer.js';
export { schemeForEcosystem, versionSchemes, type VersionScheme } from './version/index.js';
export { assessInventory, markExploited, type Assessment } from './assess.js';
export {
  applyPolicy,
  defaultIgnoreFile,
  exitCodeFor,
  readIgnoreFile,
  readVexFile,
  type Policy,
} from './policy/index.js';
