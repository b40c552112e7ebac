import { describe, expect, it } from 'vitest';
import {
  object,
  podSpec,
  snapshot,
  workload,
  type Fields,
} from '../../../../test/harness/kube-objects.js';
import { loadBalancerScheme } from './exposure.js';
import { check as ingressExposure } from './ingress-exposure.js';
import { check as loadBalancers } from './load-balancer-services.js';
import { check as nodePorts } from './node-port-services.js';

const service = (
  name: string,
  spec: Fields,
  annotations: Record<string, string> = {},
  ns = 'shop'
) => object('Service', name, { metadata: { annotations }, spec }, ns);
const web = workload('Deployment', 'web', podSpec(), 'shop', {
  labels: { app: 'web', tier: 'front' },
});
const report = object(
  'CronJob',
  'report',
  {
    spec: {
      schedule: '@daily',
      jobTemplate: {
        spec: { template: { metadata: { labels: { app: 'web' } }, spec: podSpec() } },
      },
    },
  },
  'shop'
);
const otherNamespace = workload('Deployment', 'web', podSpec(), 'other', {
  labels: { app: 'web' },
});

describe('loadBalancerScheme', () => {
  const lb = { type: 'LoadBalancer' };
  it('reads the AWS scheme annotation first', () => {
    expect(
      loadBalancerScheme(
        {
          'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
          'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
        },
        lb
      ).internal
    ).toBe(false);
    expect(
      loadBalancerScheme({ 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' }, lb)
        .internal
    ).toBe(true);
  });

  it('reads the older internal annotation, any value but false', () => {
    const internal = (value: string) =>
      loadBalancerScheme({ 'service.beta.kubernetes.io/aws-load-balancer-internal': value }, lb)
        .internal;
    expect([internal('true'), internal('0.0.0.0/0'), internal('false'), internal('')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('reads Azure and GKE internal annotations', () => {
    expect(
      loadBalancerScheme({ 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }, lb)
        .internal
    ).toBe(true);
    expect(
      loadBalancerScheme({ 'networking.gke.io/load-balancer-type': 'Internal' }, lb).internal
    ).toBe(true);
  });

  it('defaults to internal for the AWS Load Balancer Controller, internet-facing otherwise', () => {
    expect(
      loadBalancerScheme({}, { ...lb, loadBalancerClass: 'service.k8s.aws/nlb' }).internal
    ).toBe(true);
    expect(
      loadBalancerScheme({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' }, lb)
        .internal
    ).toBe(true);
    expect(
      loadBalancerScheme({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' }, lb)
        .internal
    ).toBe(false);
    expect(loadBalancerScheme({}, { ...lb, loadBalancerClass: 'example.com/lb' }).internal).toBe(
      false
    );
    expect(loadBalancerScheme({}, lb)).toEqual({
      internal: false,
      why: 'no internal annotation, so the cloud provider default applies: internet-facing',
    });
  });
});

describe('network-load-balancer-services', () => {
  it('has its id, a high severity and no framework control', () => {
    expect([loadBalancers.id, loadBalancers.severity, loadBalancers.controls]).toEqual([
      'network-load-balancer-services',
      'high',
      [],
    ]);
  });

  it('fails an internet-facing LoadBalancer, naming the Deployment and CronJob it selects', () => {
    const results = loadBalancers.run(
      snapshot(
        web,
        report,
        otherNamespace,
        service('web', {
          type: 'LoadBalancer',
          selector: { app: 'web' },
          ports: [{ port: 443, protocol: 'TCP' }],
          loadBalancerSourceRanges: ['203.0.113.0/24'],
        })
      )
    );
    expect(results).toEqual([
      {
        status: 'fail',
        resource: { kind: 'Service', name: 'web', namespace: 'shop', apiVersion: 'v1' },
        reason:
          'internet-facing load balancer (no internal annotation, so the cloud provider default applies: internet-facing); ports 443/TCP; sends traffic to Deployment web, CronJob report; loadBalancerSourceRanges 203.0.113.0/24',
      },
    ]);
  });

  it('passes an internal LoadBalancer and every other Service type', () => {
    const results = loadBalancers.run(
      snapshot(
        web,
        service(
          'internal',
          { type: 'LoadBalancer', selector: { app: 'web', tier: 'front' }, ports: [{ port: 80 }] },
          { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' }
        ),
        service('plain', { selector: { app: 'web' }, ports: [{ port: 80 }] }),
        service('np', { type: 'NodePort', ports: [{ port: 80 }] }),
        object('Service', 'no-spec', {}, 'shop')
      )
    );
    expect(results.map(({ status, resource, reason }) => [status, resource.name, reason])).toEqual([
      [
        'pass',
        'internal',
        'internal load balancer (service.beta.kubernetes.io/aws-load-balancer-scheme: internal), reachable from the VPC only; ports 80/TCP; sends traffic to Deployment web',
      ],
      ['pass', 'plain', 'type ClusterIP: no load balancer'],
      ['pass', 'np', 'type NodePort: no load balancer'],
      ['pass', 'no-spec', 'type ClusterIP: no load balancer'],
    ]);
  });

  it('says when the selector is missing or matches nothing', () => {
    const results = loadBalancers.run(
      snapshot(
        web,
        service('manual', { type: 'LoadBalancer', ports: [{ port: 80 }] }),
        service('empty', { type: 'LoadBalancer', selector: {} }),
        service('nobody', { type: 'LoadBalancer', selector: { app: 'web', tier: 'back' } })
      )
    );
    expect(
      results.map(({ status, reason }) => [status, reason.split('; ').slice(1).join('; ')])
    ).toEqual([
      ['fail', 'ports 80/TCP; has no selector (its endpoints are managed outside the selector)'],
      ['fail', 'ports no ports; has no selector (its endpoints are managed outside the selector)'],
      ['fail', 'ports no ports; selects no workload in the snapshot'],
    ]);
  });

  it('reports a malformed Service as manual', () => {
    const [result] = loadBalancers.run(snapshot(service('bad', { type: 5 })));
    expect(result?.status).toBe('manual');
    expect(result?.reason).toContain('Service shop/bad: spec is malformed');
  });
});

describe('network-node-port-services', () => {
  it('has its id and no framework control', () => {
    expect([nodePorts.id, nodePorts.controls]).toEqual(['network-node-port-services', []]);
  });

  it('fails NodePort Services with their node ports and workloads, passes ClusterIP, skips LoadBalancer', () => {
    const results = nodePorts.run(
      snapshot(
        web,
        service('web', {
          type: 'NodePort',
          selector: { app: 'web' },
          ports: [
            { port: 80, nodePort: 30080 },
            { port: 53, protocol: 'UDP' },
          ],
        }),
        service('inner', { type: 'ClusterIP', selector: { app: 'web' } }),
        service('headless', { clusterIP: 'None', selector: { app: 'web' } }),
        service('alias', { type: 'ExternalName', externalName: 'db.example' }),
        service('lb', { type: 'LoadBalancer', selector: { app: 'web' } })
      )
    );
    expect(results).toEqual([
      {
        status: 'fail',
        resource: { kind: 'Service', name: 'web', namespace: 'shop', apiVersion: 'v1' },
        reason:
          'type NodePort: ports 80:30080/TCP, 53/UDP open on every node; sends traffic to Deployment web',
      },
      {
        status: 'pass',
        resource: { kind: 'Service', name: 'inner', namespace: 'shop', apiVersion: 'v1' },
        reason: 'type ClusterIP: no node port',
      },
      {
        status: 'pass',
        resource: { kind: 'Service', name: 'headless', namespace: 'shop', apiVersion: 'v1' },
        reason: 'type ClusterIP: no node port',
      },
      {
        status: 'pass',
        resource: { kind: 'Service', name: 'alias', namespace: 'shop', apiVersion: 'v1' },
        reason: 'type ExternalName: no node port',
      },
    ]);
  });
});

describe('network-ingress-exposure', () => {
  const ingress = (name: string, spec: Fields, annotations: Record<string, string> = {}) =>
    object('Ingress', name, { metadata: { annotations }, spec }, 'shop');
  const backend = (name: string, port: number) => ({ service: { name, port: { number: port } } });
  const webService = service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] });

  it('has its id and no framework control', () => {
    expect([ingressExposure.id, ingressExposure.controls]).toEqual([
      'network-ingress-exposure',
      [],
    ]);
  });

  it('fails an nginx Ingress, naming backends, their workloads, and hosts', () => {
    const results = ingressExposure.run(
      snapshot(
        web,
        report,
        webService,
        ingress('public', {
          ingressClassName: 'nginx',
          defaultBackend: backend('web', 80),
          rules: [
            {
              host: 'shop.example.com',
              http: {
                paths: [
                  { path: '/', backend: backend('web', 80) },
                  { path: '/api', backend: backend('api', 8080) },
                  {
                    path: '/static',
                    backend: { resource: { kind: 'StorageBucket', name: 'assets' } },
                  },
                ],
              },
            },
          ],
        })
      )
    );
    expect(results).toEqual([
      {
        status: 'fail',
        resource: {
          kind: 'Ingress',
          name: 'public',
          namespace: 'shop',
          apiVersion: 'networking.k8s.io/v1',
        },
        reason:
          'exposed through the ingress controller of class nginx; exposes service web:80 (sends traffic to Deployment web, CronJob report), service api:8080 (not in the snapshot), resource StorageBucket assets; hosts shop.example.com',
      },
    ]);
  });

  it('reads the old extensions/v1beta1 backend fields and the class annotation', () => {
    const [result] = ingressExposure.run(
      snapshot(
        webService,
        ingress(
          'legacy',
          { backend: { serviceName: 'web', servicePort: 'http' } },
          { 'kubernetes.io/ingress.class': 'traefik' }
        )
      )
    );
    expect(result).toMatchObject({
      status: 'fail',
      reason:
        'exposed through the ingress controller of class traefik; exposes service web:http (selects no workload in the snapshot)',
    });
  });

  it('passes internal ALBs, by annotation or by the ALB default, and fails internet-facing ones', () => {
    const albClass = object('IngressClass', 'company-alb', {
      spec: { controller: 'ingress.k8s.aws/alb' },
    });
    const rules = { defaultBackend: backend('web', 80) };
    const results = ingressExposure.run(
      snapshot(
        webService,
        albClass,
        ingress('by-annotation', rules, { 'alb.ingress.kubernetes.io/scheme': 'internal' }),
        ingress('by-default', { ...rules, ingressClassName: 'alb' }),
        ingress('by-class-object', { ...rules, ingressClassName: 'company-alb' }),
        ingress(
          'public-alb',
          { ...rules, ingressClassName: 'alb' },
          { 'alb.ingress.kubernetes.io/scheme': 'internet-facing' }
        ),
        ingress('default-class', rules)
      )
    );
    expect(
      results.map(({ status, resource, reason }) => [status, resource.name, reason.split(';')[0]])
    ).toEqual([
      ['pass', 'by-annotation', 'internal ALB (alb.ingress.kubernetes.io/scheme: internal)'],
      ['pass', 'by-default', 'ALB without a scheme annotation, internal by default'],
      ['pass', 'by-class-object', 'ALB without a scheme annotation, internal by default'],
      [
        'fail',
        'public-alb',
        'internet-facing ALB (alb.ingress.kubernetes.io/scheme: internet-facing)',
      ],
      ['fail', 'default-class', 'exposed through the ingress controller of the default class'],
    ]);
  });

  it('passes an Ingress without backends and reports a malformed one as manual', () => {
    const results = ingressExposure.run(
      snapshot(
        ingress('empty', { rules: [{ host: 'x.example' }] }),
        ingress('bad', { rules: [{ http: { paths: [{ backend: { service: { name: 7 } } }] } }] })
      )
    );
    expect(results.map(({ status, resource }) => [status, resource.name])).toEqual([
      ['pass', 'empty'],
      ['manual', 'bad'],
    ]);
    expect(results[0]?.reason).toBe('routes to no backend');
  });
});
