import { describe, expect, it } from 'vitest';
import { auditEvent, createEvent } from '../../../test/harness/audit-events.js';
import { judgeDashboardExposure, type DashboardSigns } from './workload-dashboards.js';

/** A made-up dashboard called `grafana`, to test the plumbing apart from any real rule's signs. */
const signs: DashboardSigns = {
  what: 'Grafana',
  service: (service, namespace) =>
    JSON.stringify(service).includes('grafana') ? `grafana in ${namespace}` : undefined,
  backend: ({ service }) => service === 'grafana',
};

const alice = { username: 'alice' };

function grafana(type: string): Record<string, unknown> {
  return {
    kind: 'Service',
    metadata: { name: 'grafana', namespace: 'monitoring' },
    spec: { type, ports: [{ port: 80, targetPort: 3000 }] },
  };
}

describe('judgeDashboardExposure', () => {
  it('reports an exposed Service with its exposure and ports', () => {
    const match = judgeDashboardExposure(
      createEvent('services', grafana('LoadBalancer'), { user: alice }),
      signs
    );
    expect(match).toEqual({
      message:
        'Service monitoring/grafana created by alice exposing Grafana through a LoadBalancer on ports 80→3000 (grafana in monitoring)',
      fields: { exposure: 'LoadBalancer', ports: '80→3000', matched: 'grafana in monitoring' },
    });
  });

  it('reports an Ingress to the dashboard with its hosts', () => {
    const ingress = {
      kind: 'Ingress',
      metadata: { name: 'g', namespace: 'monitoring' },
      spec: { defaultBackend: { service: { name: 'grafana', port: { number: 80 } } } },
    };
    expect(
      judgeDashboardExposure(createEvent('ingresses', ingress, { user: alice }), signs)
    ).toEqual({
      message:
        'Ingress monitoring/g created by alice routing every host to Grafana (service grafana)',
      fields: { exposure: 'Ingress', service: 'grafana', hosts: '*' },
    });
  });

  it('says nothing of a ClusterIP Service, a controller, or an unreadable patch', () => {
    expect(
      judgeDashboardExposure(createEvent('services', grafana('ClusterIP')), signs)
    ).toBeUndefined();
    const byNode = createEvent('services', grafana('NodePort'), {
      user: { username: 'system:node:n1' },
    });
    expect(judgeDashboardExposure(byNode, signs)).toBeUndefined();
    const jsonPatch = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'services', namespace: 'monitoring', name: 'grafana' },
      requestObject: [{ op: 'replace', path: '/spec/type', value: 'LoadBalancer' }],
      responseObject: undefined,
    });
    expect(judgeDashboardExposure(jsonPatch, signs)).toBeUndefined();
  });
});
