import type { AuditRule } from '../rule/types.js';
import { dashboardOn, judgeDashboardExposure } from '../rule/workload-dashboards.js';
import { portsOf, serviceMention } from '../rule/workload-exposure.js';

/** The ports the dashboard serves on: 8443 (HTTPS, v2 and later) and 9090 (HTTP, v1). */
const dashboardPorts: ReadonlySet<number | string> = new Set([8443, 9090]);

/**
 * `kubernetes-dashboard` in the name, a label or the selector (every install method names it so,
 * including the v7 chart's `kubernetes-dashboard-kong-proxy`); or, for a renamed install,
 * `dashboard` together with one of the dashboard's ports.
 */
function dashboardSign(service: Record<string, unknown>): string | undefined {
  const named = serviceMention(service, 'kubernetes-dashboard');
  if (named !== undefined) {
    return named;
  }
  const loosely = serviceMention(service, 'dashboard');
  const port = portsOf(service).find(
    ({ port, targetPort }) =>
      (port !== undefined && dashboardPorts.has(port)) ||
      (targetPort !== undefined && dashboardPorts.has(targetPort))
  );
  return loosely !== undefined && port !== undefined
    ? `${loosely} and a dashboard port`
    : undefined;
}

export const rule: AuditRule = {
  id: 'exposed-dashboard',
  title: 'Kubernetes dashboard exposed',
  description:
    'A LoadBalancer, NodePort or externalIPs Service, or an Ingress, was written that puts ' +
    'the Kubernetes dashboard within reach from outside the cluster. The dashboard acts with ' +
    'its own service account, often a powerful one, and exposed dashboards have been the way ' +
    'in for cryptojacking campaigns.',
  severity: 'high',
  mitre: ['T1133'],
  equivalents: {
    defender: 'K8S_ExposedDashboard',
    guardduty: ['Policy:Kubernetes/ExposedDashboard'],
  },
  on: dashboardOn,
  evaluate(event) {
    return judgeDashboardExposure(event, {
      what: 'the Kubernetes dashboard',
      service: dashboardSign,
      backend: ({ service }) => service.toLowerCase().includes('kubernetes-dashboard'),
    });
  },
};
