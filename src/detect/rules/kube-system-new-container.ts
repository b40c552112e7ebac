import { containersOf, podSpecOf, resultingObject } from '../audit/fields.js';
import type { AuditRule, RuleMatch } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { describeRequest, listOf } from '../rule/workload-describe.js';
import { isBuiltIn, isEffectiveWrite, workloadOn } from '../rule/workload-requests.js';

/** Where only the cluster's own components and add-ons belong. */
const systemNamespaces: ReadonlySet<string> = new Set(['kube-system', 'kube-public']);

export const rule: AuditRule = {
  id: 'kube-system-new-container',
  title: 'New container in a system namespace',
  description:
    'A workload was created in kube-system or kube-public by an identity that is not one of ' +
    "the cluster's own components. Attackers hide there among the add-ons, and kube-system's " +
    "service accounts are often the cluster's most privileged.",
  severity: 'informational',
  mitre: ['T1610', 'T1036.005'],
  equivalents: { defender: 'K8S_KubeSystemContainer', falco: 'Pod Created in Kube Namespace' },
  on: { resources: workloadOn, verbs: ['create'] },
  evaluate(event): RuleMatch | undefined {
    const namespace = event.objectRef?.namespace;
    if (
      namespace === undefined ||
      !systemNamespaces.has(namespace) ||
      !isEffectiveWrite(event, ['create']) ||
      !isBuiltIn(event) ||
      isPlatformRequest(event)
    ) {
      return undefined;
    }
    // The request alone decides; the images, when the body was logged, tell what runs there.
    const images = containersOf(podSpecOf(resultingObject(event))).map(
      ({ image }) => image || 'none'
    );
    const image = listOf(images);
    return {
      message: `${describeRequest(event)} in system namespace ${namespace}${image !== '' ? ` (image ${image})` : ''}`,
      fields: image !== '' ? { namespace, image } : { namespace },
    };
  },
};
