import type { Check } from '../../check/types.js';
import { cis, persistentVolumeCreation } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/** CIS 4.1.9: a PersistentVolume can point at a host path and hand a node's disk to a pod. */
export const check: Check = permissionCheck({
  id: 'rbac-persistent-volume-creators',
  title: 'PersistentVolumes are not created by ordinary subjects',
  severity: 'high',
  controls: [cis('4.1.9')],
  remediation:
    'Remove create on persistentvolumes; let workloads claim storage through PersistentVolumeClaims and a StorageClass.',
  scope: 'any',
  power: 'create persistentvolumes',
  permissions: persistentVolumeCreation,
});
