import type { AuditRule } from '../rule/types.js';
import { containerFields, describeRequest, listOf } from '../rule/workload-describe.js';
import { judgedWorkload, workloadOn, writeVerbs } from '../rule/workload-requests.js';

const hostNamespaces = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const rule: AuditRule = {
  id: 'host-namespaces',
  title: 'Pod sharing host namespaces',
  description:
    "A workload was written asking for the node's network, process or IPC namespace " +
    "(hostNetwork, hostPID, hostIPC). Its containers then see the node's interfaces and local " +
    "services, signal or trace the node's processes, or reach its shared memory: a short step " +
    'to escaping to the host.' +
    ' Falco has one rule per namespace: Create HostNetwork Pod, Create HostPid Pod and ' +
    'Create HostIPC Pod.',
  severity: 'medium',
  mitre: ['T1611'],
  equivalents: { falco: 'Create HostNetwork Pod' },
  on: { resources: workloadOn, verbs: writeVerbs },
  evaluate(event) {
    const workload = judgedWorkload(event);
    if (workload === undefined) {
      return undefined;
    }
    const shared = hostNamespaces.filter((field) => workload.spec[field] === true);
    if (shared.length === 0) {
      return undefined;
    }
    const namespaces = listOf(shared);
    const { image } = containerFields(workload.containers);
    return {
      message: `${describeRequest(event)} sharing the node's namespaces: ${namespaces}`,
      fields: { namespaces, image },
    };
  },
};
