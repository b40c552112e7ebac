import { succeeded } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import { describeStream, podStreamFields, podStreamOf } from '../rule/access-pod-stream.js';
import { actorOf } from '../rule/access-request.js';

/** Exec or attach into a kube-system pod: the cluster's own components and their credentials. */
export const rule: AuditRule = {
  id: 'exec-in-kube-system',
  title: 'Exec or attach into a kube-system pod',
  description:
    'Someone ran a command in, or attached to, a pod in kube-system. Those pods run the ' +
    "cluster's networking, DNS and add-ons with powerful service accounts and host access, and " +
    'people rarely need a shell in them.',
  severity: 'medium',
  mitre: ['T1609', 'MS-TA9006'],
  equivalents: { guardduty: ['Execution:Kubernetes/ExecInKubeSystemPod'] },
  on: { resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'] },
  evaluate(event) {
    if (!succeeded(event) || event.objectRef?.namespace !== 'kube-system') {
      return undefined;
    }
    const stream = podStreamOf(event);
    if (stream === undefined) {
      return undefined;
    }
    return {
      message: `${describeStream(actorOf(event), stream)}, in the kube-system namespace.`,
      fields: podStreamFields(stream),
    };
  },
};
