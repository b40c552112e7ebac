import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  pod,
  podSpec,
  snapshot,
  workload,
  type Fields,
} from '../../../../test/harness/kube-objects.js';
import type { KubeObject } from '../../snapshot/types.js';
import { check as denyEgress } from './default-deny-egress.js';
import { check as denyIngress } from './default-deny-ingress.js';
import { check as namespacePolicies } from './namespace-policies.js';
import { check as coverage } from './pod-policy-coverage.js';

const policy = (name: string, spec: Fields, namespace = 'shop') =>
  object('NetworkPolicy', name, { spec }, namespace);
const namespace = (name: string) => object('Namespace', name);
const labelled = (name: string, labels: Record<string, string>, ns = 'shop') =>
  workload('Deployment', name, podSpec(), ns, { labels });

function summary(results: { status: string; resource: { kind: string; name: string } }[]) {
  return results.map(({ status, resource }) => `${status} ${resource.kind}/${resource.name}`);
}

describe('network-namespace-policies', () => {
  it('maps to CIS 4.3.2', () => {
    expect(namespacePolicies.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '4.3.2' }]);
  });

  it('judges each Namespace object, passing those with any policy', () => {
    const results = namespacePolicies.run(
      snapshot(
        namespace('shop'),
        namespace('kube-system'),
        policy('allow-web', { podSelector: { matchLabels: { app: 'web' } } })
      )
    );
    expect(results).toEqual([
      {
        status: 'pass',
        resource: { kind: 'Namespace', name: 'shop', apiVersion: 'v1' },
        reason: 'NetworkPolicies in namespace shop: allow-web',
      },
      {
        status: 'fail',
        resource: { kind: 'Namespace', name: 'kube-system', apiVersion: 'v1' },
        reason: 'no NetworkPolicy in namespace kube-system',
      },
    ]);
  });

  it('adds namespaces only workloads reveal (Deployment, CronJob), once each', () => {
    const results = namespacePolicies.run(
      snapshot(
        labelled('web', { app: 'web' }, 'shop'),
        cronJob('report', podSpec(), 'batch'),
        cronJob('report-2', podSpec(), 'batch'),
        policy('deny', { podSelector: {} }, 'batch')
      )
    );
    expect(results.map(({ status, resource, reason }) => [status, resource, reason])).toEqual([
      [
        'fail',
        { kind: 'Namespace', name: 'shop', apiVersion: 'v1' },
        'no NetworkPolicy in namespace shop (no Namespace object; seen through Deployment web)',
      ],
      [
        'pass',
        { kind: 'Namespace', name: 'batch', apiVersion: 'v1' },
        'NetworkPolicies in namespace batch (no Namespace object; seen through CronJob report): deny',
      ],
    ]);
  });

  it('groups manifest objects without a namespace together', () => {
    const loose = (item: KubeObject) => {
      delete item.metadata.namespace;
      return item;
    };
    const results = namespacePolicies.run(
      snapshot(loose(pod('web')), loose(policy('deny', { podSelector: {} })))
    );
    expect(results).toEqual([
      {
        status: 'pass',
        resource: { kind: 'Namespace', name: '(namespace not set)', apiVersion: 'v1' },
        reason:
          'NetworkPolicies in the unset namespace (no Namespace object; seen through Pod web): deny',
      },
    ]);
  });

  it('ignores a policy whose spec does not parse', () => {
    const results = namespacePolicies.run(
      snapshot(namespace('shop'), policy('broken', { podSelector: 'everything' }))
    );
    expect(results.map(({ status }) => status)).toEqual(['fail']);
  });

  it('returns nothing for an empty snapshot', () => {
    expect(namespacePolicies.run(snapshot())).toEqual([]);
  });
});

describe('network-default-deny-ingress', () => {
  it('has no framework control and its own id', () => {
    expect(denyIngress.id).toBe('network-default-deny-ingress');
    expect(denyIngress.controls).toEqual([]);
    expect(denyIngress.severity).toBe('medium');
  });

  it('passes an empty podSelector with no ingress rules, policyTypes explicit or left out', () => {
    const results = denyIngress.run(
      snapshot(
        namespace('a'),
        namespace('b'),
        policy('deny-all', { podSelector: {}, policyTypes: ['Ingress'] }, 'a'),
        policy('deny-implicit', { podSelector: {}, ingress: [] }, 'b')
      )
    );
    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      ['pass', 'NetworkPolicy deny-all denies all ingress in namespace a'],
      ['pass', 'NetworkPolicy deny-implicit denies all ingress in namespace b'],
    ]);
  });

  it('fails allow-all rules, narrow selectors, egress-only policies and no policy', () => {
    const results = denyIngress.run(
      snapshot(
        namespace('allow'),
        namespace('narrow'),
        namespace('egress'),
        namespace('none'),
        policy('allow-all', { podSelector: {}, ingress: [{}] }, 'allow'),
        policy('web-only', { podSelector: { matchLabels: { app: 'web' } } }, 'narrow'),
        policy('egress-only', { podSelector: {}, policyTypes: ['Egress'] }, 'egress')
      )
    );
    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      [
        'fail',
        'no NetworkPolicy in namespace allow selects every pod with Ingress in its policy types and no ingress rules (policies there: allow-all)',
      ],
      [
        'fail',
        'no NetworkPolicy in namespace narrow selects every pod with Ingress in its policy types and no ingress rules (policies there: web-only)',
      ],
      [
        'fail',
        'no NetworkPolicy in namespace egress selects every pod with Ingress in its policy types and no ingress rules (policies there: egress-only)',
      ],
      [
        'fail',
        'no NetworkPolicy in namespace none selects every pod with Ingress in its policy types and no ingress rules',
      ],
    ]);
  });

  it('takes a policy that leaves out podSelector as selecting every pod', () => {
    const [result] = denyIngress.run(snapshot(namespace('shop'), policy('deny', {})));
    expect(result?.status).toBe('pass');
  });
});

describe('network-default-deny-egress', () => {
  it('has its own id and a low severity', () => {
    expect(denyEgress.id).toBe('network-default-deny-egress');
    expect(denyEgress.severity).toBe('low');
  });

  it('passes Egress in policyTypes with no egress rules, alongside ingress rules', () => {
    const [result] = denyEgress.run(
      snapshot(
        namespace('shop'),
        policy('deny-both', {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ podSelector: {} }] }],
        })
      )
    );
    expect(result).toEqual({
      status: 'pass',
      resource: { kind: 'Namespace', name: 'shop', apiVersion: 'v1' },
      reason: 'NetworkPolicy deny-both denies all egress in namespace shop',
    });
  });

  it('fails when policyTypes is left out (egress is then not isolated) or egress rules exist', () => {
    const results = denyEgress.run(
      snapshot(
        namespace('a'),
        namespace('b'),
        policy('ingress-default', { podSelector: {} }, 'a'),
        policy(
          'dns-only',
          { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53 }] }] },
          'b'
        )
      )
    );
    expect(summary(results)).toEqual(['fail Namespace/a', 'fail Namespace/b']);
  });
});

describe('network-pod-policy-coverage', () => {
  it('has its own id and no framework control', () => {
    expect(coverage.id).toBe('network-pod-policy-coverage');
    expect(coverage.controls).toEqual([]);
  });

  it('passes templates a policy of their namespace selects, naming policies and directions', () => {
    const results = coverage.run(
      snapshot(
        labelled('web', { app: 'web', tier: 'front' }),
        policy('web-in', {
          podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] },
        }),
        policy('all-out', { podSelector: {}, policyTypes: ['Egress'] }),
        policy('other-ns', { podSelector: {} }, 'elsewhere')
      )
    );
    expect(results).toEqual([
      {
        status: 'pass',
        resource: { kind: 'Deployment', name: 'web', namespace: 'shop', apiVersion: 'apps/v1' },
        reason: 'selected by NetworkPolicy web-in (Ingress), all-out (Egress)',
      },
    ]);
  });

  it('fails templates no policy selects: another namespace, NotIn, DoesNotExist, no labels', () => {
    const results = coverage.run(
      snapshot(
        labelled('web', { app: 'web' }),
        labelled('canary', { app: 'web', canary: 'true' }),
        cronJob('report', podSpec(), 'shop'),
        policy('not-web', {
          podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
        }),
        policy('stable', {
          podSelector: {
            matchLabels: { app: 'web' },
            matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }],
          },
          egress: [{}],
        }),
        policy('web-elsewhere', { podSelector: {} }, 'other')
      )
    );
    expect(
      results.map(({ status, resource, reason }) => [status, resource.kind, resource.name, reason])
    ).toEqual([
      ['pass', 'Deployment', 'web', 'selected by NetworkPolicy stable (Ingress, Egress)'],
      [
        'fail',
        'Deployment',
        'canary',
        'no NetworkPolicy in namespace shop selects its labels app=web, canary=true',
      ],
      ['pass', 'CronJob', 'report', 'selected by NetworkPolicy not-web (Ingress)'],
    ]);
  });

  it('fails a bare pod with no labels when only narrow policies exist', () => {
    const [result] = coverage.run(
      snapshot(
        pod('plain', podSpec(), 'shop'),
        policy('web', { podSelector: { matchLabels: { app: 'web' } } })
      )
    );
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'Pod', name: 'plain', namespace: 'shop', apiVersion: 'v1' },
      reason: 'no NetworkPolicy in namespace shop selects its labels (no labels)',
    });
  });

  it('reports host-network pods as manual, with what selects them', () => {
    const [result] = coverage.run(
      snapshot(
        workload('DaemonSet', 'agent', podSpec({ hostNetwork: true }), 'ops'),
        policy('deny', { podSelector: {} }, 'ops')
      )
    );
    expect(result).toMatchObject({
      status: 'manual',
      resource: { kind: 'DaemonSet', name: 'agent' },
      reason:
        'spec.template.spec.hostNetwork is true: most CNIs do not apply NetworkPolicies to host-network pods; selected by NetworkPolicy deny (Ingress)',
    });
  });
});
