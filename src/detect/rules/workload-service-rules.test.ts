import { describe, expect, it } from 'vitest';
import {
  auditEvent,
  createEvent,
  noIntel,
  serviceAccountUser,
} from '../../../test/harness/audit-events.js';
import { rule as exposedDashboard } from './exposed-dashboard.js';
import { rule as exposedKubeflow } from './exposed-kubeflow.js';
import { rule as exposedSensitiveService } from './exposed-sensitive-service.js';
import { rule as ingressWithoutTls } from './ingress-without-tls.js';
import { rule as nodeportService } from './nodeport-service.js';

const alice = { username: 'alice', groups: ['system:authenticated'] };

function serviceObject(
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, ...metadata },
    spec: { selector: { app: name }, ...spec },
  };
}

function ingressObject(
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, ...metadata },
    spec,
  };
}

function rulesTo(host: string, service: string, port: number) {
  return [
    {
      host,
      http: {
        paths: [
          {
            path: '/',
            pathType: 'Prefix',
            backend: { service: { name: service, port: { number: port } } },
          },
        ],
      },
    },
  ];
}

const dashboardService = serviceObject(
  'kubernetes-dashboard',
  'kubernetes-dashboard',
  {
    type: 'LoadBalancer',
    ports: [{ port: 443, targetPort: 8443 }],
    selector: { 'k8s-app': 'kubernetes-dashboard' },
  },
  { labels: { 'k8s-app': 'kubernetes-dashboard' } }
);

describe('exposed-dashboard', () => {
  it('fires on the dashboard behind a LoadBalancer', () => {
    const event = createEvent('services', dashboardService, { user: alice });
    expect(exposedDashboard.evaluate(event, noIntel)).toEqual({
      message:
        'Service kubernetes-dashboard/kubernetes-dashboard created by alice exposing the Kubernetes dashboard through a LoadBalancer on ports 443→8443 (name kubernetes-dashboard)',
      fields: { exposure: 'LoadBalancer', ports: '443→8443', matched: 'name kubernetes-dashboard' },
    });
  });

  it('fires on a renamed dashboard by its port, when patched to NodePort', () => {
    const renamed = serviceObject('ops-dashboard', 'ops', {
      type: 'NodePort',
      ports: [{ port: 80, targetPort: 9090, nodePort: 30090 }],
    });
    const event = auditEvent({
      verb: 'patch',
      user: alice,
      objectRef: {
        resource: 'services',
        namespace: 'ops',
        name: 'ops-dashboard',
        apiVersion: 'v1',
      },
      requestObject: { spec: { type: 'NodePort' } },
      responseObject: renamed,
    });
    expect(exposedDashboard.evaluate(event, noIntel)?.message).toBe(
      'Service ops/ops-dashboard patched by alice exposing the Kubernetes dashboard through a NodePort on ports 80→9090 (node port 30090) (name ops-dashboard and a dashboard port)'
    );
  });

  it('fires on an Ingress routing to the dashboard', () => {
    const ingress = ingressObject('dash', 'kubernetes-dashboard', {
      rules: rulesTo('dash.example.com', 'kubernetes-dashboard-kong-proxy', 443),
    });
    expect(
      exposedDashboard.evaluate(createEvent('ingresses', ingress, { user: alice }), noIntel)
    ).toEqual({
      message:
        'Ingress kubernetes-dashboard/dash created by alice routing hosts dash.example.com to the Kubernetes dashboard (service kubernetes-dashboard-kong-proxy)',
      fields: {
        exposure: 'Ingress',
        service: 'kubernetes-dashboard-kong-proxy',
        hosts: 'dash.example.com',
      },
    });
  });

  it('stays quiet on the dashboard as a ClusterIP service', () => {
    const inside = {
      ...dashboardService,
      spec: { ...(dashboardService['spec'] as object), type: 'ClusterIP' },
    };
    expect(exposedDashboard.evaluate(createEvent('services', inside), noIntel)).toBeUndefined();
  });

  it('stays quiet on an internal load balancer and on a webhook on 8443', () => {
    const internal = serviceObject(
      'kubernetes-dashboard',
      'kubernetes-dashboard',
      { type: 'LoadBalancer', ports: [{ port: 443, targetPort: 8443 }] },
      { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } }
    );
    expect(exposedDashboard.evaluate(createEvent('services', internal), noIntel)).toBeUndefined();
    const webhook = serviceObject('admission-webhook', 'policy', {
      type: 'NodePort',
      ports: [{ port: 443, targetPort: 8443 }],
    });
    expect(exposedDashboard.evaluate(createEvent('services', webhook), noIntel)).toBeUndefined();
  });
});

describe('exposed-kubeflow', () => {
  it('fires on the Istio gateway of the kubeflow namespace behind a LoadBalancer', () => {
    const gateway = serviceObject('istio-ingressgateway', 'kubeflow', {
      type: 'LoadBalancer',
      ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
    });
    expect(
      exposedKubeflow.evaluate(createEvent('services', gateway, { user: alice }), noIntel)
    ).toEqual({
      message:
        'Service kubeflow/istio-ingressgateway created by alice exposing the Kubeflow dashboard through a LoadBalancer on ports 80→8080 (name istio-ingressgateway in namespace kubeflow)',
      fields: {
        exposure: 'LoadBalancer',
        ports: '80→8080',
        matched: 'name istio-ingressgateway in namespace kubeflow',
      },
    });
  });

  it('fires on the central dashboard by its selector, and on an Ingress to it', () => {
    const central = serviceObject('front', 'kubeflow', {
      type: 'NodePort',
      selector: { app: 'centraldashboard' },
    });
    expect(
      exposedKubeflow.evaluate(createEvent('services', central), noIntel)?.fields['matched']
    ).toBe('selector app=centraldashboard');
    const ingress = ingressObject('kf', 'kubeflow', {
      rules: rulesTo('kf.example.com', 'centraldashboard', 80),
    });
    expect(exposedKubeflow.evaluate(createEvent('ingresses', ingress), noIntel)?.fields).toEqual({
      exposure: 'Ingress',
      service: 'centraldashboard',
      hosts: 'kf.example.com',
    });
  });

  it("stays quiet on Istio's own gateway outside the kubeflow namespace", () => {
    const gateway = serviceObject('istio-ingressgateway', 'istio-system', { type: 'LoadBalancer' });
    expect(exposedKubeflow.evaluate(createEvent('services', gateway), noIntel)).toBeUndefined();
  });
});

describe('exposed-sensitive-service', () => {
  it('fires on Redis behind a LoadBalancer', () => {
    const redis = serviceObject('cache', 'shop', {
      type: 'LoadBalancer',
      ports: [{ name: 'tcp', port: 6379, targetPort: 6379 }],
    });
    expect(
      exposedSensitiveService.evaluate(createEvent('services', redis, { user: alice }), noIntel)
    ).toEqual({
      message:
        'Service shop/cache created by alice exposing Redis (port 6379) through a LoadBalancer',
      fields: { exposure: 'LoadBalancer', service: 'Redis', ports: '6379' },
    });
  });

  it('fires on PostgreSQL hidden behind another port, by its target port', () => {
    const postgres = serviceObject('db', 'shop', {
      type: 'NodePort',
      ports: [{ port: 80, targetPort: 'tcp-postgresql', nodePort: 31432 }],
    });
    expect(
      exposedSensitiveService.evaluate(createEvent('services', postgres), noIntel)?.fields
    ).toEqual({
      exposure: 'NodePort',
      service: 'PostgreSQL',
      ports: '80→tcp-postgresql (node port 31432)',
    });
  });

  it('stays quiet on a ClusterIP database and on an exposed web server', () => {
    const internal = serviceObject('db', 'shop', { ports: [{ port: 5432 }] });
    expect(
      exposedSensitiveService.evaluate(createEvent('services', internal), noIntel)
    ).toBeUndefined();
    const web = serviceObject('web', 'shop', {
      type: 'LoadBalancer',
      ports: [{ port: 443, targetPort: 8443 }],
    });
    expect(exposedSensitiveService.evaluate(createEvent('services', web), noIntel)).toBeUndefined();
  });

  it('stays quiet when the load balancer admits only the office', () => {
    const office = serviceObject('cache', 'shop', {
      type: 'LoadBalancer',
      ports: [{ port: 6379 }],
      loadBalancerSourceRanges: ['203.0.113.0/24'],
    });
    expect(
      exposedSensitiveService.evaluate(createEvent('services', office), noIntel)
    ).toBeUndefined();
  });
});

describe('nodeport-service', () => {
  it('fires on a NodePort service', () => {
    const service = serviceObject('web', 'shop', {
      type: 'NodePort',
      ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
    });
    expect(
      nodeportService.evaluate(createEvent('services', service, { user: alice }), noIntel)
    ).toEqual({
      message:
        'Service shop/web created by alice as type NodePort on ports 80→8080 (node port 30080)',
      fields: { ports: '80→8080 (node port 30080)', nodePorts: '30080' },
    });
  });

  it('stays quiet on ClusterIP and LoadBalancer services', () => {
    for (const type of ['ClusterIP', 'LoadBalancer']) {
      const service = serviceObject('web', 'shop', { type, ports: [{ port: 80 }] });
      expect(
        nodeportService.evaluate(createEvent('services', service), noIntel),
        type
      ).toBeUndefined();
    }
  });

  it('stays quiet on a JSON patch it cannot read', () => {
    const event = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'services', namespace: 'shop', name: 'web', apiVersion: 'v1' },
      requestObject: [{ op: 'replace', path: '/spec/type', value: 'NodePort' }],
      responseObject: undefined,
    });
    expect(nodeportService.evaluate(event, noIntel)).toBeUndefined();
  });
});

describe('ingress-without-tls', () => {
  it('fires on an Ingress without spec.tls', () => {
    const ingress = ingressObject('web', 'shop', {
      ingressClassName: 'nginx',
      rules: rulesTo('shop.example.com', 'web', 80),
    });
    expect(
      ingressWithoutTls.evaluate(createEvent('ingresses', ingress, { user: alice }), noIntel)
    ).toEqual({
      message:
        'Ingress shop/web created by alice without TLS: hosts shop.example.com served over plain HTTP',
      fields: { hosts: 'shop.example.com', ingressClass: 'nginx' },
    });
  });

  it('stays quiet with spec.tls or an ALB certificate', () => {
    const tls = ingressObject('web', 'shop', {
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: rulesTo('shop.example.com', 'web', 80),
    });
    expect(ingressWithoutTls.evaluate(createEvent('ingresses', tls), noIntel)).toBeUndefined();
    const alb = ingressObject(
      'web',
      'shop',
      { ingressClassName: 'alb', rules: rulesTo('shop.example.com', 'web', 80) },
      {
        annotations: {
          'alb.ingress.kubernetes.io/certificate-arn':
            'arn:aws:acm:eu-west-1:111122223333:certificate/0f1e',
        },
      }
    );
    expect(ingressWithoutTls.evaluate(createEvent('ingresses', alb), noIntel)).toBeUndefined();
  });

  it('stays quiet on an update and on a custom resource named ingresses', () => {
    const ingress = ingressObject('web', 'shop', { rules: rulesTo('shop.example.com', 'web', 80) });
    const update = createEvent('ingresses', ingress, {
      verb: 'update',
      responseStatus: { code: 200 },
    });
    expect(ingressWithoutTls.evaluate(update, noIntel)).toBeUndefined();
    const custom = createEvent('ingresses', ingress, {
      objectRef: { resource: 'ingresses', namespace: 'shop', name: 'web', apiGroup: 'traefik.io' },
      user: serviceAccountUser('shop', 'deployer'),
    });
    expect(ingressWithoutTls.evaluate(custom, noIntel)).toBeUndefined();
  });
});
