import { resultingObject } from '../audit/fields.js';
import { isRecord } from '../../core/is-record.js';
import type { AuditRule, RuleMatch } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { describeRequest, listOf } from '../rule/workload-describe.js';
import { describePort, portsOf } from '../rule/workload-exposure.js';
import { isBuiltIn, isEffectiveWrite, writeVerbs } from '../rule/workload-requests.js';

export const rule: AuditRule = {
  id: 'nodeport-service',
  title: 'NodePort service',
  description:
    'A Service of type NodePort was written: every node listens on its port, on every address ' +
    "the node has, bypassing the load balancer's and the ingress's controls. Whether that " +
    "reaches the internet depends on the nodes' addresses and security groups.",
  severity: 'low',
  mitre: ['T1133'],
  equivalents: { falco: 'Create NodePort Service' },
  on: { resources: ['services'], verbs: writeVerbs },
  evaluate(event): RuleMatch | undefined {
    if (!isEffectiveWrite(event, writeVerbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
      return undefined;
    }
    const object = resultingObject(event);
    const spec = object?.['spec'];
    if (object === undefined || !isRecord(spec) || spec['type'] !== 'NodePort') {
      return undefined;
    }
    const ports = portsOf(object);
    const described = listOf(ports.map(describePort));
    const nodePorts = listOf(
      ports.flatMap(({ nodePort }) => (nodePort !== undefined ? [String(nodePort)] : []))
    );
    return {
      message: `${describeRequest(event)} as type NodePort${described !== '' ? ` on ports ${described}` : ''}`,
      fields: nodePorts !== '' ? { ports: described, nodePorts } : { ports: described },
    };
  },
};
