/** The posture engine's public face: what `cli/` and `platform/` may use. */
export { assess, type AssessOptions } from './assess.js';
export type { Assessment, AssessedResult, FrameworkSummary } from './assessment.js';
export { checks, checkFamilies } from './check/api.js';
export { frameworkIds, type Check, type FrameworkId } from './check/types.js';
export { eksDefaultExceptions } from './exceptions/eks-defaults.js';
export { readExceptionFile } from './exceptions/read-file.js';
export type { Exception } from './exceptions/types.js';
export { assessmentFormats } from './format/api.js';
export type { AssessmentFormat } from './format/types.js';
export type { Snapshot } from './snapshot/types.js';
export { readEks, type EksFiles } from './sources/eks/index.js';
export { readManifests, type ManifestOptions } from './sources/manifests/index.js';
export { readNode } from './sources/node/index.js';
