import { isRecord } from '../../core/is-record.js';
import { resultingObject } from '../audit/fields.js';
import type { AuditRule, RuleMatch } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { clip, describeRequest, listOf } from '../rule/workload-describe.js';
import { isBuiltIn, isEffectiveWrite, writeVerbs } from '../rule/workload-requests.js';

const maxWebhooks = 64;

interface Webhook {
  name: string;
  /** `service gatekeeper-system/gatekeeper-webhook-service`, or the URL without credentials. */
  target: string;
  resources: string[];
}

function targetOf(clientConfig: unknown): string {
  if (!isRecord(clientConfig)) {
    return 'unknown';
  }
  const service = clientConfig['service'];
  if (isRecord(service) && typeof service['name'] === 'string') {
    const namespace = typeof service['namespace'] === 'string' ? `${service['namespace']}/` : '';
    return `service ${namespace}${service['name']}`;
  }
  const url = clientConfig['url'];
  // A URL may carry `user:password@`; the alert keeps where it goes, not how it logs in.
  return typeof url === 'string' ? url.replace(/\/\/[^/@]*@/, '//') : 'unknown';
}

function resourcesOf(rules: unknown): string[] {
  if (!Array.isArray(rules)) {
    return [];
  }
  return rules.slice(0, maxWebhooks).flatMap((rule) => {
    const resources = isRecord(rule) ? rule['resources'] : undefined;
    return Array.isArray(resources)
      ? resources.filter((resource): resource is string => typeof resource === 'string')
      : [];
  });
}

function webhooksOf(configuration: Record<string, unknown> | undefined): Webhook[] {
  const webhooks = configuration?.['webhooks'];
  if (!Array.isArray(webhooks)) {
    return [];
  }
  return webhooks.slice(0, maxWebhooks).flatMap((webhook): Webhook[] =>
    isRecord(webhook)
      ? [
          {
            name: typeof webhook['name'] === 'string' ? webhook['name'] : '(unnamed)',
            target: targetOf(webhook['clientConfig']),
            resources: resourcesOf(webhook['rules']),
          },
        ]
      : []
  );
}

function describeWebhook({ name, target, resources }: Webhook): string {
  const on = resources.length > 0 ? ` on ${listOf(resources)}` : '';
  return `${clip(name)} calls ${clip(target)}${on}`;
}

export const rule: AuditRule = {
  id: 'admission-webhook-created',
  title: 'Admission webhook configured',
  description:
    'A mutating or validating admission webhook configuration was created or changed by an ' +
    "identity that is not one of the cluster's own components (EKS's eks:* users are). The " +
    'webhook receives the objects it is registered for, Secrets included, and a mutating one ' +
    'can rewrite every pod the cluster starts: a persistent, quiet foothold.',
  severity: 'informational',
  mitre: ['T1546', 'T1552.007'],
  equivalents: { defender: 'K8S_AdmissionController' },
  on: {
    resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
    verbs: writeVerbs,
  },
  evaluate(event): RuleMatch | undefined {
    if (!isEffectiveWrite(event, writeVerbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
      return undefined;
    }
    // The request alone decides; the webhooks, when the body says, tell where objects go.
    const webhooks = webhooksOf(resultingObject(event));
    const base = describeRequest(event);
    if (webhooks.length === 0) {
      return { message: base, fields: {} };
    }
    return {
      message: `${base}: ${listOf(webhooks.map(describeWebhook), '; ')}`,
      fields: {
        webhooks: listOf(webhooks.map(({ name }) => name)),
        targets: listOf(webhooks.map(({ target }) => target)),
        resources: listOf(webhooks.flatMap(({ resources }) => resources)),
      },
    };
  },
};
