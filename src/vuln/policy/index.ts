/** Which findings a user sees: ignore files, OpenVEX statements, fix and severity filters. */
export { applyPolicy, type Policy, type PolicyResult } from './apply-policy.js';
export { exitCodeFor } from './exit-code.js';
export {
  defaultIgnoreFile,
  ignoreFormatOf,
  parseIgnoreFile,
  readIgnoreFile,
  type IgnoreFormat,
} from './ignore-file.js';
export { expiredWarnings } from './ignore-match.js';
export { parseIgnoreYaml } from './ignore-yaml.js';
export { parseOpenVex, readVexFile } from './openvex.js';
export {
  parsePurl,
  parsePurlPattern,
  purlMatches,
  type PurlParts,
  type PurlPattern,
} from './purl-pattern.js';
export { parseTrivyIgnore } from './trivy-ignore.js';
export type {
  IgnoreEntry,
  IgnoreList,
  VexDocument,
  VexJustification,
  VexStatement,
  VexStatus,
} from './types.js';
