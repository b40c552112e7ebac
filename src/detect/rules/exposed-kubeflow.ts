import type { AuditRule } from '../rule/types.js';
import { dashboardOn, judgeDashboardExposure } from '../rule/workload-dashboards.js';
import { serviceMention } from '../rule/workload-exposure.js';

/** Kubeflow's web front ends, which may appear under any name inside its namespace. */
const kubeflowFronts: readonly string[] = ['istio-ingressgateway', 'ml-pipeline-ui'];

/**
 * Kubeflow's central dashboard anywhere (its Service and pods are named and labelled
 * `centraldashboard`), or, in the `kubeflow` namespace, the Istio ingress gateway or the
 * Pipelines UI through which the dashboard is reached.
 */
function kubeflowSign(service: Record<string, unknown>, namespace: string): string | undefined {
  const central = serviceMention(service, 'centraldashboard');
  if (central !== undefined || namespace !== 'kubeflow') {
    return central;
  }
  for (const front of kubeflowFronts) {
    const sign = serviceMention(service, front);
    if (sign !== undefined) {
      return `${sign} in namespace kubeflow`;
    }
  }
  return undefined;
}

export const rule: AuditRule = {
  id: 'exposed-kubeflow',
  title: 'Kubeflow dashboard exposed',
  description:
    'A LoadBalancer, NodePort or externalIPs Service, or an Ingress, was written that puts ' +
    "Kubeflow's dashboard within reach from outside the cluster. Whoever reaches it can start " +
    "notebooks and pipelines, that is run code on the cluster's (often GPU) nodes.",
  severity: 'medium',
  mitre: ['T1133'],
  equivalents: {
    defender: 'K8S_ExposedKubeflow',
    guardduty: ['Policy:Kubernetes/KubeflowDashboardExposed'],
  },
  on: dashboardOn,
  evaluate(event) {
    return judgeDashboardExposure(event, {
      what: 'the Kubeflow dashboard',
      service: kubeflowSign,
      backend: ({ service }, namespace) => {
        const name = service.toLowerCase();
        return (
          name.includes('centraldashboard') ||
          (namespace === 'kubeflow' && kubeflowFronts.some((front) => name.includes(front)))
        );
      },
    });
  },
};
