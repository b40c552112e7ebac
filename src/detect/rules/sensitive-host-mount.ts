import { isRecord } from '../../core/is-record.js';
import type { AuditEvent } from '../audit/event.js';
import { resultingObject } from '../audit/fields.js';
import type { AuditRule, RuleMatch } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { clip, describeRequest, listOf } from '../rule/workload-describe.js';
import {
  hostPathOf,
  normaliseHostPath,
  sensitiveHostPath,
  sensitiveMountsOf,
  type SensitiveMount,
} from '../rule/workload-host-paths.js';
import {
  isBuiltIn,
  isEffectiveWrite,
  judgedWorkload,
  workloadOn,
  writeVerbs,
} from '../rule/workload-requests.js';

/** The mount lies above the sensitive path, as `/var` above `/var/lib/kubelet`. */
function holds(hostPath: string, sensitive: string): boolean {
  return hostPath !== sensitive && !hostPath.startsWith(`${sensitive}/`);
}

/** `/var (volume data, holds /var/lib/kubelet, in container app)`. */
function describeMount(mount: SensitiveMount): string {
  const parts = [`volume ${mount.volume}`];
  if (holds(mount.hostPath, mount.sensitive)) {
    parts.push(`holds ${mount.sensitive}`);
  }
  parts.push(mount.mountedBy.length > 0 ? `in ${listOf(mount.mountedBy)}` : 'not mounted yet');
  return `${mount.hostPath} (${parts.join(', ')})`;
}

function judgeWorkload(event: AuditEvent): RuleMatch | undefined {
  const workload = judgedWorkload(event);
  const mounts = workload !== undefined ? sensitiveMountsOf(workload.spec) : [];
  if (mounts.length === 0) {
    return undefined;
  }
  return {
    message: `${describeRequest(event)} mounting host path ${listOf(mounts.map(describeMount), '; ')}`,
    fields: {
      hostPath: listOf(mounts.map(({ hostPath }) => hostPath)),
      volume: listOf(mounts.map(({ volume }) => volume)),
    },
  };
}

/** A hostPath or local PersistentVolume hands the node path to whichever pod claims it. */
function judgeVolume(event: AuditEvent): RuleMatch | undefined {
  if (!isEffectiveWrite(event, writeVerbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
    return undefined;
  }
  const spec = resultingObject(event)?.['spec'];
  const path = isRecord(spec) ? hostPathOf(spec) : undefined;
  const sensitive = path !== undefined ? sensitiveHostPath(path, true) : undefined;
  if (path === undefined || sensitive === undefined) {
    return undefined;
  }
  const hostPath = normaliseHostPath(path);
  return {
    message: `${describeRequest(event)} for host path ${clip(hostPath)}${holds(hostPath, sensitive) ? ` (holds ${sensitive})` : ''}`,
    fields: { hostPath: clip(hostPath) },
  };
}

export const rule: AuditRule = {
  id: 'sensitive-host-mount',
  title: 'Container with a sensitive host mount',
  description:
    "A workload (or a PersistentVolume) was written with a hostPath on one of the node's " +
    "sensitive paths: /proc, /etc, /root, the kubelet's state, the container runtime's " +
    'socket, a directory above them such as / or /var, or /var/log mounted writable. Through ' +
    "it a container reads the node's credentials or starts containers beside the kubelet's.",
  severity: 'informational',
  mitre: ['T1611'],
  equivalents: {
    defender: 'K8S_SensitiveMount',
    guardduty: [
      'Persistence:Kubernetes/ContainerWithSensitiveMount',
      'Persistence:Kubernetes/AnomalousBehavior.WorkloadDeployed!ContainerWithSensitiveMount',
    ],
    falco: 'Create Sensitive Mount Pod',
  },
  on: { resources: [...workloadOn, 'persistentvolumes'], verbs: writeVerbs },
  evaluate(event) {
    return event.objectRef?.resource === 'persistentvolumes'
      ? judgeVolume(event)
      : judgeWorkload(event);
  },
};
