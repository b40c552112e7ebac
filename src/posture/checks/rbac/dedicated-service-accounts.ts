import type { Check, CheckResult } from '../../check/types.js';
import { podTemplates, serviceAccountOf } from '../../kube/workloads.js';
import { cis } from './catalog.js';

/** IRSA: the IAM role a service account's pods assume through the EKS pod identity webhook. */
const irsaAnnotation = 'eks.amazonaws.com/role-arn';

/**
 * CIS 5.2.1: each workload runs as a service account of its own, so its Kubernetes and AWS
 * permissions (IRSA or EKS Pod Identity) are its own too. One result per pod template: one that
 * runs as its namespace's `default` account fails; one with a named account passes, saying
 * whether that account carries an IRSA role.
 */
export const check: Check = {
  id: 'rbac-dedicated-service-accounts',
  title: 'Workloads run as dedicated service accounts',
  severity: 'low',
  controls: [cis('5.2.1')],
  remediation:
    'Create a service account per workload, set spec.serviceAccountName, and give it AWS access through IRSA (eks.amazonaws.com/role-arn) or EKS Pod Identity rather than the node role.',
  run: (snapshot) => {
    const accounts = new Map(
      snapshot.objects
        .filter((object) => object.kind === 'ServiceAccount')
        .map((object) => [`${object.metadata.namespace ?? ''}/${object.metadata.name}`, object])
    );
    return podTemplates(snapshot).map((template): CheckResult => {
      const name = serviceAccountOf(template.spec);
      const namespace = template.ref.namespace ?? '';
      if (name === 'default') {
        return {
          status: 'fail',
          resource: template.ref,
          reason: `runs as the default service account of ${namespace || 'its namespace'}, shared with every pod that names none`,
        };
      }
      const role = accounts.get(`${namespace}/${name}`)?.metadata.annotations?.[irsaAnnotation];
      return {
        status: 'pass',
        resource: template.ref,
        reason: `runs as service account ${name}${role ? `, with the IAM role ${role} (IRSA)` : ''}`,
      };
    });
  },
};
