import { describe, expect, it } from 'vitest';
import {
  auditEvent,
  createEvent,
  noIntel,
  serviceAccountUser,
} from '../../../test/harness/audit-events.js';
import { rule as admissionWebhookCreated } from './admission-webhook-created.js';
import { rule as configmapCredentials } from './configmap-credentials.js';
import { rule as corednsModified } from './coredns-modified.js';
import { rule as eventsDeleted } from './events-deleted.js';

const alice = { username: 'alice', groups: ['system:authenticated'] };

function configMap(name: string, namespace: string, data: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

describe('coredns-modified', () => {
  const corefile =
    '.:53 {\n    errors\n    rewrite name bank.example.com evil.example.net\n    forward . /etc/resolv.conf\n}\n';

  it('fires on a person patching the coredns ConfigMap', () => {
    const event = auditEvent({
      verb: 'patch',
      user: alice,
      objectRef: {
        resource: 'configmaps',
        namespace: 'kube-system',
        name: 'coredns',
        apiVersion: 'v1',
      },
      requestObject: { data: { Corefile: corefile } },
      responseObject: configMap('coredns', 'kube-system', { Corefile: corefile }),
    });
    expect(corednsModified.evaluate(event, noIntel)).toEqual({
      message: "ConfigMap kube-system/coredns patched by alice: the cluster's DNS configuration",
      fields: { configmap: 'kube-system/coredns', verb: 'patch' },
    });
  });

  it('fires on a delete', () => {
    const event = auditEvent({
      verb: 'delete',
      user: serviceAccountUser('ci', 'deployer'),
      objectRef: {
        resource: 'configmaps',
        namespace: 'kube-system',
        name: 'coredns',
        apiVersion: 'v1',
      },
    });
    expect(corednsModified.evaluate(event, noIntel)?.message).toBe(
      "ConfigMap kube-system/coredns deleted by system:serviceaccount:ci:deployer: the cluster's DNS configuration"
    );
  });

  it('stays quiet on the EKS add-on manager, other ConfigMaps and reads', () => {
    const ref = {
      resource: 'configmaps',
      namespace: 'kube-system',
      name: 'coredns',
      apiVersion: 'v1',
    };
    const addon = auditEvent({
      verb: 'update',
      user: { username: 'eks:addon-manager' },
      objectRef: ref,
    });
    expect(corednsModified.evaluate(addon, noIntel)).toBeUndefined();
    const other = auditEvent({
      verb: 'update',
      user: alice,
      objectRef: { ...ref, name: 'aws-auth' },
    });
    expect(corednsModified.evaluate(other, noIntel)).toBeUndefined();
    const elsewhere = auditEvent({
      verb: 'update',
      user: alice,
      objectRef: { ...ref, namespace: 'shop' },
    });
    expect(corednsModified.evaluate(elsewhere, noIntel)).toBeUndefined();
    expect(
      corednsModified.evaluate(auditEvent({ verb: 'get', user: alice, objectRef: ref }), noIntel)
    ).toBeUndefined();
  });
});

describe('admission-webhook-created', () => {
  const hook = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'pod-helper' },
    webhooks: [
      {
        name: 'pods.helper.example.net',
        clientConfig: { url: 'https://user:hunter2@hooks.example.net/mutate' },
        rules: [
          {
            operations: ['CREATE'],
            apiGroups: [''],
            apiVersions: ['v1'],
            resources: ['pods', 'secrets'],
          },
        ],
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
      },
    ],
  };

  it('fires on a person creating a mutating webhook, without the URL credentials', () => {
    const match = admissionWebhookCreated.evaluate(
      createEvent('mutatingwebhookconfigurations', hook, { user: alice }),
      noIntel
    );
    expect(match).toEqual({
      message:
        'MutatingWebhookConfiguration pod-helper created by alice: pods.helper.example.net calls https://hooks.example.net/mutate on pods, secrets',
      fields: {
        webhooks: 'pods.helper.example.net',
        targets: 'https://hooks.example.net/mutate',
        resources: 'pods, secrets',
      },
    });
    expect(JSON.stringify(match)).not.toContain('hunter2');
  });

  it('fires on a validating webhook patched by a service account, body or not', () => {
    const event = auditEvent({
      verb: 'patch',
      user: serviceAccountUser('policy', 'installer'),
      objectRef: {
        resource: 'validatingwebhookconfigurations',
        name: 'policy',
        apiGroup: 'admissionregistration.k8s.io',
        apiVersion: 'v1',
      },
      requestObject: [{ op: 'replace', path: '/webhooks/0/failurePolicy', value: 'Ignore' }],
      responseObject: undefined,
    });
    expect(admissionWebhookCreated.evaluate(event, noIntel)).toEqual({
      message:
        'ValidatingWebhookConfiguration policy patched by system:serviceaccount:policy:installer',
      fields: {},
    });
  });

  it("stays quiet on EKS's own users and on a refused create", () => {
    const eks = createEvent('mutatingwebhookconfigurations', hook, {
      user: { username: 'eks:pod-identity-mutating-webhook', groups: [] },
    });
    expect(admissionWebhookCreated.evaluate(eks, noIntel)).toBeUndefined();
    const refused = createEvent('mutatingwebhookconfigurations', hook, {
      responseStatus: { code: 403 },
    });
    expect(admissionWebhookCreated.evaluate(refused, noIntel)).toBeUndefined();
  });
});

describe('events-deleted', () => {
  it('fires on a person deleting all events of a namespace', () => {
    const event = auditEvent({
      verb: 'deletecollection',
      user: alice,
      objectRef: { resource: 'events', namespace: 'shop', apiVersion: 'v1' },
    });
    expect(eventsDeleted.evaluate(event, noIntel)).toEqual({
      message: 'Events in namespace shop deleted all at once by alice',
      fields: { namespace: 'shop', name: '*', apiGroup: 'core' },
    });
  });

  it('fires on one events.k8s.io event deleted', () => {
    const event = auditEvent({
      verb: 'delete',
      user: alice,
      objectRef: {
        resource: 'events',
        namespace: 'shop',
        name: 'web-7d9c8b6f5-x2x4k.17f3a',
        apiGroup: 'events.k8s.io',
        apiVersion: 'v1',
      },
    });
    expect(eventsDeleted.evaluate(event, noIntel)).toEqual({
      message: 'Event shop/web-7d9c8b6f5-x2x4k.17f3a deleted by alice',
      fields: { namespace: 'shop', name: 'web-7d9c8b6f5-x2x4k.17f3a', apiGroup: 'events.k8s.io' },
    });
  });

  it('stays quiet on the namespace controller, the garbage collector and a failed delete', () => {
    const ref = { resource: 'events', namespace: 'shop', apiVersion: 'v1' };
    for (const name of ['namespace-controller', 'generic-garbage-collector']) {
      const event = auditEvent({
        verb: 'deletecollection',
        user: serviceAccountUser('kube-system', name),
        objectRef: ref,
      });
      expect(eventsDeleted.evaluate(event, noIntel), name).toBeUndefined();
    }
    const failed = auditEvent({
      verb: 'deletecollection',
      user: alice,
      objectRef: ref,
      responseStatus: { code: 403 },
    });
    expect(eventsDeleted.evaluate(failed, noIntel)).toBeUndefined();
  });
});

describe('configmap-credentials', () => {
  it('fires on a ConfigMap holding a password and an AWS key, naming keys only', () => {
    const object = configMap('app-config', 'shop', {
      DB_HOST: 'db.shop.svc',
      DB_PASSWORD: 'hunter2-but-longer',
      'aws.ini': '[default]\naws_access_key_id = AKIAQ3EGVP2LKXHRJZ5N\n',
    });
    const match = configmapCredentials.evaluate(
      createEvent('configmaps', object, { user: alice }),
      noIntel
    );
    expect(match).toEqual({
      message:
        'ConfigMap shop/app-config created by alice holding credentials: DB_PASSWORD (password-like key), aws.ini (AWS access key ID)',
      fields: { keys: 'DB_PASSWORD, aws.ini', found: 'password-like key, AWS access key ID' },
    });
    const text = JSON.stringify(match);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('AKIAQ3EGVP2LKXHRJZ5N');
  });

  it('fires on a merge patch that adds a private key', () => {
    const event = auditEvent({
      verb: 'patch',
      user: alice,
      objectRef: {
        resource: 'configmaps',
        namespace: 'shop',
        name: 'deploy-keys',
        apiVersion: 'v1',
      },
      requestObject: { data: { id_ed25519: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n' } },
      responseObject: undefined,
    });
    expect(configmapCredentials.evaluate(event, noIntel)?.fields).toEqual({
      keys: 'id_ed25519',
      found: 'private key',
    });
  });

  it('stays quiet on ordinary configuration and the cluster CA bundle', () => {
    const plain = configMap('app-config', 'shop', {
      LOG_LEVEL: 'info',
      'nginx.conf': 'server { listen 80; }',
    });
    expect(
      configmapCredentials.evaluate(createEvent('configmaps', plain), noIntel)
    ).toBeUndefined();
    const ca = configMap('kube-root-ca.crt', 'shop', {
      'ca.crt':
        '-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMw\n-----END CERTIFICATE-----\n',
    });
    const published = createEvent('configmaps', ca, {
      user: serviceAccountUser('kube-system', 'root-ca-cert-publisher'),
    });
    expect(configmapCredentials.evaluate(published, noIntel)).toBeUndefined();
  });

  it('stays quiet on a refused create and a JSON patch without response', () => {
    const object = configMap('app-config', 'shop', { DB_PASSWORD: 'hunter2' });
    const refused = createEvent('configmaps', object, { responseStatus: { code: 403 } });
    expect(configmapCredentials.evaluate(refused, noIntel)).toBeUndefined();
    const jsonPatch = auditEvent({
      verb: 'patch',
      objectRef: {
        resource: 'configmaps',
        namespace: 'shop',
        name: 'app-config',
        apiVersion: 'v1',
      },
      requestObject: [{ op: 'add', path: '/data/DB_PASSWORD', value: 'hunter2' }],
      responseObject: undefined,
    });
    expect(configmapCredentials.evaluate(jsonPatch, noIntel)).toBeUndefined();
  });
});
