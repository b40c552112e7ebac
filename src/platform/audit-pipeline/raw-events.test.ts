import { describe, expect, it } from 'vitest';
import { alertEventMaxBytes } from '../store/index.js';
import { keptAuditEvent } from './raw-events.js';

const base = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  auditID: 'a-1',
  verb: 'create',
  user: { username: 'alice' },
};

describe('keptAuditEvent', () => {
  it('keeps a Secret’s keys but not its values, wherever the event carries it', () => {
    const kept = keptAuditEvent({
      ...base,
      objectRef: { resource: 'secrets', namespace: 'shop', name: 'db' },
      requestObject: {
        kind: 'Secret',
        metadata: {
          name: 'db',
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"p":"x"}}' },
        },
        data: { password: 'aHVudGVyMg==' },
        stringData: { token: 'hunter2' },
      },
    });
    const text = JSON.stringify(kept);
    expect(text).not.toContain('aHVudGVyMg==');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('"p":"x"');
    expect(kept?.event).toMatchObject({
      objectRef: { name: 'db' },
      requestObject: {
        data: { password: '[redacted, 12 characters]' },
        stringData: { token: '[redacted, 7 characters]' },
      },
    });
  });

  it('redacts the Secrets of a list, ConfigMap values and literal environment values', () => {
    const kept = keptAuditEvent({
      ...base,
      verb: 'list',
      responseObject: {
        kind: 'SecretList',
        items: [{ metadata: { name: 's' }, data: { k: 'djE=' } }],
      },
      requestObject: {
        kind: 'Pod',
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx',
              env: [
                { name: 'API_KEY', value: 'sk-live-123' },
                { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
              ],
            },
          ],
        },
      },
    });
    const text = JSON.stringify(kept);
    expect(text).not.toContain('djE=');
    expect(text).not.toContain('sk-live-123');
    expect(text).toContain('"image":"nginx"');
    expect(text).toContain('secretKeyRef');
    const config = keptAuditEvent({
      ...base,
      objectRef: { resource: 'configmaps', name: 'c' },
      requestObject: { data: { 'aws.conf': 'aws_secret_access_key=abc' } },
    });
    expect(JSON.stringify(config)).not.toContain('aws_secret_access_key=abc');
  });

  it('drops request and response objects too big to keep, and refuses what is no event', () => {
    const huge = keptAuditEvent({
      ...base,
      requestObject: { kind: 'ConfigMap', metadata: { name: 'x'.repeat(alertEventMaxBytes) } },
    });
    expect(huge?.event).toMatchObject({
      requestObject: expect.stringMatching(/^\[dropped, \d+ characters\]$/) as unknown,
    });
    expect(
      keptAuditEvent({ ...base, user: { username: 'u'.repeat(alertEventMaxBytes) } })
    ).toBeUndefined();
    expect(keptAuditEvent({ verb: 'get' })).toBeUndefined();
    expect(keptAuditEvent('text')).toBeUndefined();
    expect(keptAuditEvent({ ...base, auditID: '' })).toBeUndefined();
  });
});
