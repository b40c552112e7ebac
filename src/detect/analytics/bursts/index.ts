export { burstDefaults, createBursts, type BurstsOptions } from './bursts.js';
export {
  burstDetections,
  forbiddenBurst,
  permissionCheckBurst,
  secretsEnumeration,
} from './detections.js';
