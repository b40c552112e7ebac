import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  pod,
  podSpec,
  snapshot,
  workload,
} from '../../../../test/harness/kube-objects.js';
import { check as dedicated } from './dedicated-service-accounts.js';
import { check as boundaries } from './namespace-boundaries.js';

describe('rbac-dedicated-service-accounts', () => {
  it('maps to CIS 5.2.1', () => {
    expect(dedicated.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '5.2.1' }]);
  });

  it('fails templates that run as the default account, named or by omission, Deployments and CronJobs alike', () => {
    const results = dedicated.run(
      snapshot(
        workload('Deployment', 'web', podSpec(), 'shop'),
        cronJob('report', podSpec({ serviceAccountName: '' }), 'shop'),
        pod('explicit', podSpec({ serviceAccountName: 'default' }), 'shop')
      )
    );

    expect(results.map(({ status, resource }) => [status, resource.kind, resource.name])).toEqual([
      ['fail', 'Deployment', 'web'],
      ['fail', 'CronJob', 'report'],
      ['fail', 'Pod', 'explicit'],
    ]);
    expect(results[0]?.reason).toBe(
      'runs as the default service account of shop, shared with every pod that names none'
    );
  });

  it('passes a named account and names its IRSA role when it has one', () => {
    const results = dedicated.run(
      snapshot(
        workload('Deployment', 'api', podSpec({ serviceAccountName: 'api' }), 'shop'),
        workload('Deployment', 'worker', podSpec({ serviceAccountName: 'worker' }), 'shop'),
        object(
          'ServiceAccount',
          'api',
          {
            metadata: {
              annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/api' },
            },
          },
          'shop'
        )
      )
    );

    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      [
        'pass',
        'runs as service account api, with the IAM role arn:aws:iam::111122223333:role/api (IRSA)',
      ],
      ['pass', 'runs as service account worker'],
    ]);
  });
});

describe('rbac-namespace-boundaries', () => {
  it('is manual, with workloads per namespace and the share of cluster-wide grants as evidence', () => {
    const results = boundaries.run(
      snapshot(
        workload('Deployment', 'web', podSpec(), 'shop'),
        pod('debug', podSpec(), 'default'),
        object('RoleBinding', 'shop-devs', {}, 'shop'),
        object('ClusterRoleBinding', 'ops')
      )
    );

    expect(results).toEqual([
      {
        status: 'manual',
        resource: { kind: 'Cluster', name: 'test' },
        reason:
          '2 workload(s) in 2 namespace(s), 1 in default; 1 RoleBinding(s) and 1 ClusterRoleBinding(s)',
      },
    ]);
    expect(boundaries.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '4.5.1' }]);
  });

  it('says nothing about a snapshot without Kubernetes objects', () => {
    expect(boundaries.run(snapshot())).toEqual([]);
  });
});
