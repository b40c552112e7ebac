import type { Check } from '../../check/types.js';
import { podCheck, show } from './pod-check.js';

/** PSA `hostPathVolumes`: volumes that mount a path of the node must be disallowed. */
export const check: Check = podCheck({
  id: 'pss-host-path-volumes',
  title: 'Pods mount no hostPath volume',
  severity: 'high',
  level: 'baseline',
  psaId: 'hostPathVolumes',
  remediation:
    'Replace hostPath volumes with emptyDir, a ConfigMap or Secret, or a PersistentVolumeClaim; a node agent that needs the host belongs under a documented exception.',
  passes: 'no volume is a hostPath',
  judge: (template) =>
    (template.spec.volumes ?? []).flatMap((volume) =>
      volume.hostPath === undefined
        ? []
        : [`volume ${volume.name}: hostPath.path is ${show(volume.hostPath.path)}`]
    ),
});
