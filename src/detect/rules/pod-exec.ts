import { succeeded } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import { describeStream, podStreamFields, podStreamOf } from '../rule/access-pod-stream.js';
import { actorOf } from '../rule/access-request.js';

/**
 * An exec or attach stream into a pod that the API server opened: judged at ResponseStarted
 * (code 101, the stream upgraded) or at ResponseComplete, whichever the engine sees first.
 */
export const rule: AuditRule = {
  id: 'pod-exec',
  title: 'Exec or attach into a pod',
  description:
    'Someone ran a command in, or attached to, a running container through the API server ' +
    '(pods/exec, pods/attach). It is how people debug, and how attackers run tools inside a ' +
    'workload and read its mounted credentials; the command is in the fields when the log has it.',
  severity: 'low',
  mitre: ['T1609', 'MS-TA9006'],
  equivalents: { falco: 'Attach/Exec Pod' },
  on: { resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'] },
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
