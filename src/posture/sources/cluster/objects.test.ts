import { describe, expect, it } from 'vitest';
import { lastAppliedAnnotation, toKubeObject } from './objects.js';

describe('toKubeObject', () => {
  it('sets apiVersion and kind from the list and drops managedFields', () => {
    const object = toKubeObject(
      {
        metadata: {
          name: 'web',
          namespace: 'shop',
          managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
          creationTimestamp: '2024-05-01T10:00:00Z',
        },
        spec: { replicas: 2 },
      },
      'Deployment',
      'apps/v1'
    );
    expect(object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2024-05-01T10:00:00Z' },
      spec: { replicas: 2 },
    });
  });

  it('keeps the list kind over a kind an item states', () => {
    const object = toKubeObject(
      { kind: 'Other', apiVersion: 'x/v1', metadata: { name: 'a' } },
      'Pod',
      'v1'
    );
    expect(object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } });
  });

  it('refuses items without a name or metadata', () => {
    expect(toKubeObject({ metadata: {} }, 'Pod', 'v1')).toBeUndefined();
    expect(toKubeObject({ spec: {} }, 'Pod', 'v1')).toBeUndefined();
    expect(toKubeObject('pod', 'Pod', 'v1')).toBeUndefined();
    expect(toKubeObject(null, 'Pod', 'v1')).toBeUndefined();
  });

  it('keeps a Secret to metadata and type, last-applied annotation gone', () => {
    const object = toKubeObject(
      {
        metadata: {
          name: 'db',
          namespace: 'shop',
          annotations: { [lastAppliedAnnotation]: '{"data":{"pw":"c2VjcmV0"}}', team: 'a' },
        },
        type: 'kubernetes.io/basic-auth',
        data: { pw: 'c2VjcmV0' },
        stringData: { user: 'admin' },
        immutable: true,
      },
      'Secret',
      'v1'
    );
    expect(object).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'shop', annotations: { team: 'a' } },
      type: 'kubernetes.io/basic-auth',
      immutable: true,
    });
  });

  it('keeps the keys of a ConfigMap, not its values', () => {
    const object = toKubeObject(
      {
        metadata: { name: 'settings', namespace: 'shop' },
        data: { DB_PASSWORD: 'hunter2', mode: 'prod' },
        binaryData: { 'key.der': 'AAEC' },
      },
      'ConfigMap',
      'v1'
    );
    expect(object).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'shop' },
      data: { DB_PASSWORD: '', mode: '' },
      binaryData: { 'key.der': '' },
    });
  });

  it('leaves a ConfigMap without data as it is, and drops a data field that is not a map', () => {
    expect(toKubeObject({ metadata: { name: 'e', namespace: 'a' } }, 'ConfigMap', 'v1')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'e', namespace: 'a' },
    });
    expect(
      toKubeObject({ metadata: { name: 'odd', namespace: 'a' }, data: 'text' }, 'ConfigMap', 'v1')
    ).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd', namespace: 'a' } });
  });

  it('keeps kube-system/aws-auth whole, and only that one', () => {
    const data = { mapRoles: '- rolearn: arn:aws:iam::1:role/x\n  groups: [system:masters]\n' };
    expect(
      toKubeObject(
        { metadata: { name: 'aws-auth', namespace: 'kube-system' }, data },
        'ConfigMap',
        'v1'
      )
    ).toMatchObject({ data });
    expect(
      toKubeObject(
        { metadata: { name: 'aws-auth', namespace: 'default' }, data },
        'ConfigMap',
        'v1'
      )
    ).toMatchObject({ data: { mapRoles: '' } });
  });
});
