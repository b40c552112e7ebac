import { describe, expect, it } from 'vitest';
import { alertSeverityOrder } from '../../core/alert.js';
import { auditEvent, intelOf } from '../../../test/harness/audit-events.js';
import type { AuditEvent } from '../audit/event.js';
import type { AuditRule } from '../rule/types.js';
import { rule as admissionWebhookCreated } from './admission-webhook-created.js';
import { rule as configmapCredentials } from './configmap-credentials.js';
import { rule as corednsModified } from './coredns-modified.js';
import { rule as ephemeralContainer } from './ephemeral-container.js';
import { rule as eventsDeleted } from './events-deleted.js';
import { rule as exposedDashboard } from './exposed-dashboard.js';
import { rule as exposedKubeflow } from './exposed-kubeflow.js';
import { rule as exposedSensitiveService } from './exposed-sensitive-service.js';
import { rule as hostNamespaces } from './host-namespaces.js';
import { rule as ingressWithoutTls } from './ingress-without-tls.js';
import { rule as kubeSystemNewContainer } from './kube-system-new-container.js';
import { rule as minerImage } from './miner-image.js';
import { rule as nodeportService } from './nodeport-service.js';
import { rule as privilegedContainer } from './privileged-container.js';
import { rule as sensitiveHostMount } from './sensitive-host-mount.js';

/** Each rule under the name of the file it lives in. */
const byFile: Record<string, AuditRule> = {
  'admission-webhook-created': admissionWebhookCreated,
  'configmap-credentials': configmapCredentials,
  'coredns-modified': corednsModified,
  'ephemeral-container': ephemeralContainer,
  'events-deleted': eventsDeleted,
  'exposed-dashboard': exposedDashboard,
  'exposed-kubeflow': exposedKubeflow,
  'exposed-sensitive-service': exposedSensitiveService,
  'host-namespaces': hostNamespaces,
  'ingress-without-tls': ingressWithoutTls,
  'kube-system-new-container': kubeSystemNewContainer,
  'miner-image': minerImage,
  'nodeport-service': nodeportService,
  'privileged-container': privilegedContainer,
  'sensitive-host-mount': sensitiveHostMount,
};
const rules = Object.entries(byFile);

/** Defender's severity where it has the alert, else Falco's priority mapped (or the brief's). */
const expectedSeverity: Record<string, string> = {
  'privileged-container': 'informational',
  'sensitive-host-mount': 'informational',
  'host-namespaces': 'medium',
  'kube-system-new-container': 'informational',
  'miner-image': 'high',
  'exposed-dashboard': 'high',
  'exposed-kubeflow': 'medium',
  'exposed-sensitive-service': 'medium',
  'nodeport-service': 'low',
  'coredns-modified': 'low',
  'admission-webhook-created': 'informational',
  'events-deleted': 'low',
  'ephemeral-container': 'low',
  'configmap-credentials': 'medium',
  'ingress-without-tls': 'low',
};

describe('the workload and configuration rules', () => {
  it.each(rules)('%s is named after its file and fully described', (file, rule) => {
    expect(rule.id).toBe(file);
    expect(rule.severity).toBe(expectedSeverity[file]);
    expect(alertSeverityOrder).toContain(rule.severity);
    expect(rule.title.length).toBeGreaterThan(5);
    expect(rule.description.length).toBeGreaterThan(80);
    expect(rule.mitre.length).toBeGreaterThan(0);
    for (const technique of rule.mitre) {
      expect(technique).toMatch(/^T\d{4}(?:\.\d{3})?$/);
    }
    const { defender, guardduty, falco } = rule.equivalents;
    expect(defender !== undefined || falco !== undefined).toBe(true);
    if (defender !== undefined) {
      expect(defender).toMatch(/^K8S_[A-Za-z]+$/);
    }
    for (const finding of guardduty ?? []) {
      expect(finding).toMatch(/^[A-Za-z]+:Kubernetes\/[A-Za-z.!]+$/);
    }
    expect(rule.on.resources.length).toBeGreaterThan(0);
    for (const verb of rule.on.verbs) {
      expect(verb).toMatch(/^(?:create|update|patch|delete|deletecollection)$/);
    }
  });
});

const strangeBodies: unknown[] = [
  null,
  'a string',
  42,
  [],
  [{ op: 'add', path: '/spec', value: {} }],
  { kind: 'Status', code: 500 },
  { spec: null, data: null, webhooks: null, metadata: 'x' },
  { spec: { containers: 'x', volumes: {}, ports: 'x', type: 7, rules: {}, tls: 'yes' } },
  {
    spec: {
      containers: [null, 1, { securityContext: 'x', volumeMounts: [null, { name: 7 }] }],
      ephemeralContainers: [{ name: 3, image: {} }],
      volumes: [null, { hostPath: null }, { hostPath: { path: ['x'] } }],
      ports: [null, { port: -1, targetPort: {}, nodePort: 'x' }],
      rules: [{ http: { paths: [null, { backend: { service: 'x' } }] } }],
    },
  },
  {
    spec: {
      template: {
        spec: {
          containers: [{ name: 'a'.repeat(100_000), securityContext: { privileged: true } }],
        },
      },
      jobTemplate: 'x',
    },
    data: { ['x'.repeat(10_000)]: 'y'.repeat(2_000_000), n: 7 },
    binaryData: { k: '%%%not base64%%%' },
    webhooks: [null, { clientConfig: { url: 7, service: { name: {} } }, rules: 'x' }],
    metadata: { annotations: null, labels: [1], name: { x: 1 } },
  },
];

function strangeEvents(rule: AuditRule): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const path of rule.on.resources) {
    const [resource = '', subresource] = path.split('/');
    for (const verb of rule.on.verbs) {
      for (const body of strangeBodies) {
        events.push(
          auditEvent({
            verb,
            user: { username: 'mallory' },
            objectRef: {
              resource,
              ...(subresource !== undefined ? { subresource } : {}),
              namespace: 'kube-system',
              name: 'coredns',
              apiVersion: 'v1',
            },
            requestObject: body,
            responseObject: body,
          })
        );
      }
    }
  }
  return events;
}

describe('hostile events', () => {
  const context = { intel: intelOf({ miners: ['a'] }) };

  it.each(rules)('%s never throws and returns only strings', (_file, rule) => {
    for (const event of strangeEvents(rule)) {
      const match = rule.evaluate(event, context);
      if (match !== undefined) {
        expect(typeof match.message).toBe('string');
        expect(match.message.length).toBeLessThan(5_000);
        for (const value of Object.values(match.fields)) {
          expect(typeof value).toBe('string');
          expect(value.length).toBeLessThan(3_000);
        }
      }
    }
  });

  it('still judges what a strange body cannot hide', () => {
    // The request alone says a container was added to kube-system's coredns name: not a crash,
    // and not a silent pass either.
    const [first] = strangeEvents(kubeSystemNewContainer);
    expect(first).toBeDefined();
    if (first !== undefined) {
      expect(kubeSystemNewContainer.evaluate(first, context)?.fields['namespace']).toBe(
        'kube-system'
      );
    }
  });
});
