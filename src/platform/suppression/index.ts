export { dismissCovered } from './apply-existing.js';
export { createSuppressionCache, defaultSuppressionTtlMs, type SuppressionCache } from './cache.js';
export {
  compileSuppression,
  suppressionActor,
  suppressionOf,
  suppressionReason,
  suppresses,
  type CompiledSuppression,
} from './matcher.js';
