import type { AuditRule } from '../rule/types.js';
import { actorOf } from '../rule/workload-actors.js';
import { isPlatformRequest } from '../audit/platform.js';
import { clip, describeRequest } from '../rule/workload-describe.js';
import { isBuiltIn, isEffectiveWrite } from '../rule/workload-requests.js';

const verbs = ['delete', 'deletecollection'];

export const rule: AuditRule = {
  id: 'events-deleted',
  title: 'Kubernetes events deleted',
  description:
    'Events (core or events.k8s.io) were deleted by an identity other than the garbage ' +
    'collector, the namespace controller or another cluster component. Events expire by ' +
    'themselves after an hour; deleting them early erases the trace of what was scheduled, ' +
    'pulled and killed.',
  severity: 'low',
  mitre: ['T1070'],
  equivalents: { defender: 'K8S_DeleteEvents' },
  on: { resources: ['events'], verbs },
  evaluate(event) {
    if (!isEffectiveWrite(event, verbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
      return undefined;
    }
    const namespace = event.objectRef?.namespace;
    const apiGroup = event.objectRef?.apiGroup || 'core';
    if (event.verb === 'deletecollection') {
      const where =
        namespace !== undefined ? `in namespace ${clip(namespace)}` : 'in every namespace';
      return {
        message: `Events ${where} deleted all at once by ${clip(actorOf(event))}`,
        fields: { namespace: clip(namespace ?? '*'), name: '*', apiGroup: clip(apiGroup) },
      };
    }
    return {
      message: describeRequest(event),
      fields: {
        namespace: clip(namespace ?? ''),
        name: clip(event.objectRef?.name ?? ''),
        apiGroup: clip(apiGroup),
      },
    };
  },
};
