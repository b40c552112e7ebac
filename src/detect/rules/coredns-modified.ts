import type { AuditRule } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { describeRequest } from '../rule/workload-describe.js';
import { isBuiltIn, isEffectiveWrite } from '../rule/workload-requests.js';

const verbs = ['create', 'update', 'patch', 'delete'];

export const rule: AuditRule = {
  id: 'coredns-modified',
  title: 'CoreDNS configuration modified',
  description:
    'The coredns ConfigMap in kube-system was changed, replaced or deleted by an identity ' +
    "that is not one of the cluster's own components (EKS's add-on manager updates it with " +
    "the add-on). Its Corefile decides what every pod's names resolve to: a rewrite or a " +
    "forwarder there redirects the cluster's traffic.",
  severity: 'low',
  mitre: ['T1557'],
  equivalents: { defender: 'K8S_CoreDnsModification' },
  on: { resources: ['configmaps'], verbs },
  evaluate(event) {
    const ref = event.objectRef;
    if (
      ref?.namespace !== 'kube-system' ||
      ref.name !== 'coredns' ||
      !isEffectiveWrite(event, verbs) ||
      !isBuiltIn(event) ||
      isPlatformRequest(event)
    ) {
      return undefined;
    }
    return {
      message: `${describeRequest(event)}: the cluster's DNS configuration`,
      fields: { configmap: 'kube-system/coredns', verb: event.verb },
    };
  },
};
