import { describe, expect, it } from 'vitest';
import {
  describePort,
  exposureOf,
  ingressBackends,
  ingressHasTls,
  ingressHosts,
  portsOf,
  serviceMention,
} from './workload-exposure.js';

function service(
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {}
): Record<string, unknown> {
  return { kind: 'Service', metadata: { name: 'web', namespace: 'shop', ...metadata }, spec };
}

describe('exposureOf', () => {
  it('sees LoadBalancer, NodePort and externalIPs', () => {
    expect(exposureOf(service({ type: 'LoadBalancer' }))).toBe('LoadBalancer');
    expect(exposureOf(service({ type: 'NodePort' }))).toBe('NodePort');
    expect(exposureOf(service({ type: 'ClusterIP', externalIPs: ['198.51.100.7'] }))).toBe(
      'externalIPs'
    );
  });

  it('does not see ClusterIP, headless or ExternalName services', () => {
    expect(exposureOf(service({ type: 'ClusterIP' }))).toBeUndefined();
    expect(exposureOf(service({ clusterIP: 'None' }))).toBeUndefined();
    expect(
      exposureOf(service({ type: 'ExternalName', externalName: 'db.example' }))
    ).toBeUndefined();
    expect(exposureOf({ spec: 'nonsense' })).toBeUndefined();
  });

  it('does not see an internal load balancer', () => {
    const aws = service(
      { type: 'LoadBalancer' },
      { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } }
    );
    expect(exposureOf(aws)).toBeUndefined();
    const legacy = service(
      { type: 'LoadBalancer' },
      { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' } }
    );
    expect(exposureOf(legacy)).toBeUndefined();
    const facing = service(
      { type: 'LoadBalancer' },
      { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' } }
    );
    expect(exposureOf(facing)).toBe('LoadBalancer');
  });

  it('honours narrow source ranges and not broad ones', () => {
    const narrow = ['10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32', '198.51.100.9'];
    expect(
      exposureOf(service({ type: 'LoadBalancer', loadBalancerSourceRanges: narrow }))
    ).toBeUndefined();
    for (const broad of ['0.0.0.0/0', '0.0.0.0/1', '::/0', 'anywhere', '10.0.0.0/99']) {
      const ranges = ['10.0.0.0/8', broad];
      expect(exposureOf(service({ type: 'LoadBalancer', loadBalancerSourceRanges: ranges }))).toBe(
        'LoadBalancer'
      );
    }
    const byAnnotation = service(
      { type: 'LoadBalancer' },
      {
        annotations: {
          'service.beta.kubernetes.io/load-balancer-source-ranges': '10.1.0.0/16, 10.2.0.0/16',
        },
      }
    );
    expect(exposureOf(byAnnotation)).toBeUndefined();
  });
});

describe('ports and names', () => {
  it('reads ports, named target ports and node ports', () => {
    const ports = portsOf(
      service({
        ports: [
          { name: 'https', port: 443, targetPort: 8443, nodePort: 30443 },
          { port: 6379, targetPort: 'redis' },
          { port: 'x' },
          'junk',
        ],
      })
    );
    expect(ports).toEqual([
      { name: 'https', port: 443, targetPort: 8443, nodePort: 30443 },
      { name: '', port: 6379, targetPort: 'redis', nodePort: undefined },
      { name: '', port: undefined, targetPort: undefined, nodePort: undefined },
    ]);
    expect(ports.map(describePort)).toEqual(['443→8443 (node port 30443)', '6379→redis', '?']);
  });

  it('finds a word in the name, a label or the selector', () => {
    const dashboard = service(
      { selector: { 'k8s-app': 'kubernetes-dashboard' } },
      { name: 'frontdoor', labels: { team: 'ops' } }
    );
    expect(serviceMention(dashboard, 'Kubernetes-Dashboard')).toBe(
      'selector k8s-app=kubernetes-dashboard'
    );
    expect(serviceMention(dashboard, 'kubeflow')).toBeUndefined();
    expect(
      serviceMention(service({}, { name: 'kubernetes-dashboard' }), 'kubernetes-dashboard')
    ).toBe('name kubernetes-dashboard');
  });
});

describe('Ingress', () => {
  const ingress = {
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [{ path: '/', backend: { service: { name: 'web', port: { name: 'http' } } } }],
          },
        },
        { http: { paths: [{ backend: { serviceName: 'legacy', servicePort: 8080 } }] } },
      ],
    },
  };

  it('lists the backends of v1 and v1beta1 shapes', () => {
    expect(ingressBackends(ingress)).toEqual([
      { service: 'fallback', port: '80' },
      { service: 'web', port: 'http' },
      { service: 'legacy', port: '8080' },
    ]);
    expect(ingressHosts(ingress)).toEqual(['shop.example.com', '*']);
  });

  it('sees TLS in the spec or in a cloud certificate annotation', () => {
    expect(ingressHasTls(ingress)).toBe(false);
    expect(
      ingressHasTls({
        ...ingress,
        spec: { ...ingress.spec, tls: [{ hosts: ['shop.example.com'] }] },
      })
    ).toBe(true);
    expect(ingressHasTls({ ...ingress, spec: { ...ingress.spec, tls: [] } })).toBe(false);
    const alb = {
      ...ingress,
      metadata: {
        ...ingress.metadata,
        annotations: {
          'alb.ingress.kubernetes.io/certificate-arn':
            'arn:aws:acm:eu-west-1:111122223333:certificate/x',
        },
      },
    };
    expect(ingressHasTls(alb)).toBe(true);
    const listener = {
      ...ingress,
      metadata: {
        ...ingress.metadata,
        annotations: { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]' },
      },
    };
    expect(ingressHasTls(listener)).toBe(true);
  });

  it('gives nothing for strange shapes', () => {
    expect(ingressBackends({ spec: { rules: 'x', defaultBackend: 3 } })).toEqual([]);
    expect(ingressHosts({ spec: { rules: [null] } })).toEqual(['*']);
  });
});
