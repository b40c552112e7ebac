import type { Check } from '../../check/types.js';
import type { Volume } from '../../kube/pod-spec.js';
import { podCheck } from './pod-check.js';

/** The inline volume sources the restricted level allows (`image` from the newer versions). */
export const allowedVolumeSources: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** The source fields a volume sets (every field but its name that holds a value). */
function sourcesOf(volume: Volume): string[] {
  return Object.entries(volume)
    .filter(([key, value]) => key !== 'name' && value !== undefined && value !== null)
    .map(([key]) => key);
}

/**
 * PSA `restrictedVolumes`: only volume sources that cannot reach the node or an outside
 * storage system directly are allowed. A volume with no source at all is what the API server
 * defaults to emptyDir, so it passes.
 */
export const check: Check = podCheck({
  id: 'pss-restricted-volumes',
  title: 'Volumes use only the restricted set of volume types',
  severity: 'medium',
  level: 'restricted',
  psaId: 'restrictedVolumes',
  remediation:
    'Replace hostPath, nfs, iscsi and other inline volume sources with a PersistentVolumeClaim (the storage details belong in a PersistentVolume) or with configMap, secret, emptyDir, projected, downwardAPI, csi, ephemeral or image volumes.',
  passes:
    'every volume is configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret',
  judge: (template) =>
    (template.spec.volumes ?? []).flatMap((volume) => {
      const sources = sourcesOf(volume);
      if (sources.length === 0 || sources.some((source) => allowedVolumeSources.has(source))) {
        return [];
      }
      return [`volume ${volume.name}: ${sources.join(', ')} is not an allowed volume type`];
    }),
});
