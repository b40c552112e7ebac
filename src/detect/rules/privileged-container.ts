import { isRecord } from '../../core/is-record.js';
import type { ContainerView } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import { containerFields, describeContainers, describeRequest } from '../rule/workload-describe.js';
import {
  ephemeralContainersResource,
  judgedWorkload,
  workloadOn,
  writeVerbs,
} from '../rule/workload-requests.js';

function hostProcess(context: unknown): boolean | undefined {
  const windows = isRecord(context) ? context['windowsOptions'] : undefined;
  const value = isRecord(windows) ? windows['hostProcess'] : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * `privileged: true`, or a Windows HostProcess container (the container's setting, else the
 * pod's), which runs as a process on the node with the node's rights.
 */
function isPrivileged(container: ContainerView, podContext: unknown): boolean {
  return (
    container.securityContext['privileged'] === true ||
    (hostProcess(container.securityContext) ?? hostProcess(podContext)) === true
  );
}

export const rule: AuditRule = {
  id: 'privileged-container',
  title: 'Privileged container',
  description:
    'A workload was written with a privileged container (regular, init or ephemeral): it has ' +
    'every capability and the host devices, so it can take over the node. The workload is ' +
    'judged when a person writes it; the pods its controller creates are not judged again.',
  severity: 'informational',
  mitre: ['T1610', 'T1611'],
  equivalents: {
    defender: 'K8S_PrivilegedContainer',
    guardduty: [
      'PrivilegeEscalation:Kubernetes/PrivilegedContainer',
      'PrivilegeEscalation:Kubernetes/AnomalousBehavior.WorkloadDeployed!PrivilegedContainer',
    ],
    falco: 'Create Privileged Pod',
  },
  on: { resources: [...workloadOn, ephemeralContainersResource], verbs: writeVerbs },
  evaluate(event) {
    const workload = judgedWorkload(event);
    if (workload === undefined) {
      return undefined;
    }
    const podContext = workload.spec['securityContext'];
    const privileged = workload.containers.filter((container) =>
      isPrivileged(container, podContext)
    );
    if (privileged.length === 0) {
      return undefined;
    }
    return {
      message: `${describeRequest(event)} with privileged ${describeContainers(privileged)}`,
      fields: containerFields(privileged),
    };
  },
};
