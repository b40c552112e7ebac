import { isRecord } from '../../core/is-record.js';
import { objectName, resultingObject } from '../audit/fields.js';
import type { AuditEvent } from '../audit/event.js';
import type { AuditRule } from '../rule/types.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf } from '../rule/access-request.js';

const kubeNamespaces: ReadonlySet<string> = new Set(['kube-system', 'kube-public']);

function namespaceOf(event: AuditEvent): string | undefined {
  const fromRef = event.objectRef?.namespace;
  if (fromRef) {
    return fromRef;
  }
  const metadata = resultingObject(event)?.['metadata'];
  const fromBody = isRecord(metadata) ? metadata['namespace'] : undefined;
  return typeof fromBody === 'string' ? fromBody : undefined;
}

/**
 * A new service account in kube-system or kube-public by someone other than the control plane
 * (which creates its controllers' accounts and `default`) or EKS (which creates its add-ons').
 * Installing a controller into kube-system by hand fires too: that is for an exception.
 */
export const rule: AuditRule = {
  id: 'service-account-in-kube-namespace',
  title: 'Service account created in a kube namespace',
  description:
    'A ServiceAccount was created in kube-system or kube-public by an identity that is not a ' +
    'Kubernetes or EKS component. Attackers hide identities for persistence among the ' +
    "cluster's own, where bindings and tokens draw less attention.",
  severity: 'medium',
  mitre: ['T1136', 'T1078'],
  equivalents: { falco: 'Service Account Created in Kube Namespace' },
  on: { resources: ['serviceaccounts'], verbs: ['create'] },
  evaluate(event) {
    const namespace = namespaceOf(event);
    if (namespace === undefined || !kubeNamespaces.has(namespace)) {
      return undefined;
    }
    if (!succeededOutsidePlatform(event)) {
      return undefined;
    }
    const name = objectName(event) ?? '(unnamed)';
    return {
      message: `${actorOf(event)} created service account ${namespace}/${name}.`,
      fields: { serviceAccount: `${namespace}/${name}`, namespace },
    };
  },
};
