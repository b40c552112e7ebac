import { containersOf, resultingObject } from '../audit/fields.js';
import { isRecord } from '../../core/is-record.js';
import type { AuditRule, RuleMatch } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { clip, describeRequest } from '../rule/workload-describe.js';
import {
  ephemeralContainersResource,
  isBuiltIn,
  isEffectiveWrite,
} from '../rule/workload-requests.js';

const verbs = ['update', 'patch'];

export const rule: AuditRule = {
  id: 'ephemeral-container',
  title: 'Ephemeral container added to a pod',
  description:
    'A container was added to a running pod through its ephemeralcontainers subresource ' +
    "(kubectl debug). It runs in the pod's namespaces with its volumes and service account, " +
    "with an image of the requester's choice, and is invisible to the pod's owner: a foothold " +
    'inside an existing workload.',
  severity: 'low',
  mitre: ['T1610', 'T1609'],
  equivalents: { falco: 'EphemeralContainers Created' },
  on: { resources: [ephemeralContainersResource], verbs },
  evaluate(event): RuleMatch | undefined {
    if (!isEffectiveWrite(event, verbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
      return undefined;
    }
    // Ephemeral containers can be added but never changed or removed, so a successful write is
    // an addition: it alerts even when the body (a JSON patch, or not logged) cannot be read.
    const spec = resultingObject(event)?.['spec'];
    const added = containersOf(isRecord(spec) ? spec : undefined)
      .filter(({ label }) => label.startsWith('ephemeral container '))
      .at(-1);
    if (added === undefined) {
      return {
        message: `${describeRequest(event)} to add an ephemeral container (not in the logged body)`,
        fields: {},
      };
    }
    const image = clip(added.image || 'none');
    return {
      message: `${describeRequest(event)} to add ephemeral container ${clip(added.name)} (image ${image})`,
      fields: { container: clip(added.name), image },
    };
  },
};
