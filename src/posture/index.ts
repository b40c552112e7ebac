/** The posture engine's public face: what `cli/` and `platform/` may use. */
export { assess, type AssessOptions } from './assess.js';
export type { Assessment, AssessedResult, ControlSummary, FrameworkSummary } from './assessment.js';
export { checks, checkFamilies } from './check/api.js';
export {
  frameworkIds,
  frameworkTitles,
  type Check,
  type ControlRef,
  type FrameworkId,
} from './check/types.js';
export { eksDefaultExceptions } from './exceptions/eks-defaults.js';
export { readExceptionFile } from './exceptions/read-file.js';
export type { Exception } from './exceptions/types.js';
export { assessmentFormats } from './format/api.js';
export type { AssessmentFormat } from './format/types.js';
export { snapshotOf } from './snapshot/build.js';
export type { KubeObject, Snapshot } from './snapshot/types.js';
export { readEks, type EksFiles } from './sources/eks/index.js';
export { readManifests, type ManifestOptions } from './sources/manifests/index.js';
export { readNode } from './sources/node/index.js';
export { readCluster, readClusterWithNodes } from './live.js';
export type { ClusterRead, ReadClusterOptions } from './sources/cluster/index.js';
export { checkInlineKubeconfig, maxInlineKubeconfigBytes } from './sources/cluster/inline.js';
export type { ClusterNode } from './inventory/nodes.js';
export { nodeGroupingOf, type NodeGrouping } from './inventory/node-group.js';
export { workloadsOf, type Workload, type WorkloadImage } from './inventory/workloads.js';
export { parseCpuMillicores } from './kube/quantity.js';
