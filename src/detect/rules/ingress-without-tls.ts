import { resultingObject } from '../audit/fields.js';
import { isRecord } from '../../core/is-record.js';
import type { AuditRule } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { clip, describeRequest, listOf } from '../rule/workload-describe.js';
import { ingressHasTls, ingressHosts } from '../rule/workload-exposure.js';
import { isBuiltIn, isEffectiveWrite } from '../rule/workload-requests.js';

const verbs = ['create'];

function classOf(ingress: Record<string, unknown>): string | undefined {
  const spec = ingress['spec'];
  const name = isRecord(spec) ? spec['ingressClassName'] : undefined;
  return typeof name === 'string' ? clip(name) : undefined;
}

export const rule: AuditRule = {
  id: 'ingress-without-tls',
  title: 'Ingress without TLS',
  description:
    'An Ingress was created without spec.tls, and without the annotations by which AWS, ' +
    'Google or Azure load balancers are given a certificate, so its hosts are served over ' +
    'plain HTTP: credentials and session cookies cross the network readable and changeable.',
  severity: 'low',
  mitre: ['T1557'],
  equivalents: { falco: 'Ingress Object without TLS Certificate Created' },
  on: { resources: ['ingresses'], verbs },
  evaluate(event) {
    if (!isEffectiveWrite(event, verbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
      return undefined;
    }
    const object = resultingObject(event);
    if (object === undefined || ingressHasTls(object)) {
      return undefined;
    }
    const hosts = listOf(ingressHosts(object));
    const ingressClass = classOf(object);
    return {
      message: `${describeRequest(event)} without TLS: ${hosts !== '' ? `hosts ${hosts}` : 'its default backend'} served over plain HTTP`,
      fields: {
        hosts: hosts !== '' ? hosts : '*',
        ...(ingressClass !== undefined ? { ingressClass } : {}),
      },
    };
  },
};
