import { succeeded } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import { describeStream, podStreamFields, podStreamOf } from '../rule/access-pod-stream.js';
import { actorOf } from '../rule/access-request.js';

/** A port-forward stream into a pod that the API server opened. */
export const rule: AuditRule = {
  id: 'port-forward',
  title: 'Port-forward to a pod',
  description:
    "Someone opened a port-forward to a pod through the API server, reaching the pod's ports " +
    'from outside the cluster network and around network policies and load balancers. The ' +
    'ports are in the fields when the client sent them in the URL (WebSocket).',
  severity: 'low',
  mitre: ['T1090'],
  equivalents: { falco: 'port-forward' },
  on: { resources: ['pods/portforward'], verbs: ['create', 'get'] },
  evaluate(event) {
    if (!succeeded(event)) {
      return undefined;
    }
    const stream = podStreamOf(event);
    if (stream === undefined) {
      return undefined;
    }
    return {
      message: `${describeStream(actorOf(event), stream)}.`,
      fields: podStreamFields(stream),
    };
  },
};
