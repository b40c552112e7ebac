import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  pod,
  podSpec,
  snapshot,
  workload,
} from '../../../../test/harness/kube-objects.js';
import { check as envVars } from './env-vars.js';
import { check as externalStorage } from './external-storage.js';

describe('secrets-env-vars', () => {
  it('maps to CIS 4.4.1', () => {
    expect(envVars.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '4.4.1' }]);
  });

  it('passes a pod that reads its secret from a mounted file, and plain variables', () => {
    const results = envVars.run(
      snapshot(
        pod(
          'files',
          podSpec(
            { volumes: [{ name: 'db', secret: { secretName: 'db' } }] },
            {
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              ],
              volumeMounts: [{ name: 'db', mountPath: '/etc/db', readOnly: true }],
            }
          )
        )
      )
    );

    expect(results).toEqual([
      {
        status: 'pass',
        resource: { kind: 'Pod', name: 'files', namespace: 'default', apiVersion: 'v1' },
        reason: 'no secret reaches an environment variable',
      },
    ]);
  });

  it('fails a Deployment and a CronJob that put secrets in env and envFrom, naming each container', () => {
    const results = envVars.run(
      snapshot(
        workload(
          'Deployment',
          'api',
          podSpec(
            {
              initContainers: [
                { name: 'migrate', envFrom: [{ secretRef: { name: 'migrations' } }] },
              ],
            },
            {
              env: [
                {
                  name: 'DB_PASSWORD',
                  valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
                },
              ],
            }
          ),
          'shop'
        ),
        cronJob(
          'backup',
          podSpec(
            {},
            { envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 's3' } }] }
          ),
          'shop'
        )
      )
    );

    expect(results.map(({ status, resource, reason }) => [status, resource.kind, reason])).toEqual([
      [
        'fail',
        'Deployment',
        'container app: env[DB_PASSWORD] from secret db/password; initContainers[migrate]: envFrom secret migrations',
      ],
      ['fail', 'CronJob', 'container app: envFrom secret s3'],
    ]);
  });
});

describe('secrets-external-storage', () => {
  it('is manual, with the Secrets counted and no provider found', () => {
    const results = externalStorage.run(
      snapshot(object('Secret', 'db', { type: 'Opaque' }), object('Secret', 'tls'))
    );

    expect(results).toEqual([
      {
        status: 'manual',
        resource: { kind: 'Cluster', name: 'test' },
        reason:
          '2 Secret object(s) in the snapshot; no External Secrets Operator or Secrets Store CSI Driver objects found',
      },
    ]);
    expect(externalStorage.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '4.4.2' }]);
  });

  it('names the external-secret providers whose objects it sees, and says nothing without objects', () => {
    const results = externalStorage.run(
      snapshot(
        object('ExternalSecret', 'db'),
        object('SecretProviderClass', 'aws'),
        object('Secret', 'db')
      )
    );

    expect(results[0]?.reason).toBe(
      '1 Secret object(s) in the snapshot; objects of External Secrets Operator and Secrets Store CSI Driver found'
    );
    expect(externalStorage.run(snapshot())).toEqual([]);
  });
});
