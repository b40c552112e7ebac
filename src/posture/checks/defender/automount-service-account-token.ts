import type { Check } from '../../check/types.js';
import { serviceAccountOf, type PodTemplate } from '../../kube/workloads.js';
import type { KubeObject, Snapshot } from '../../snapshot/types.js';
import { perTemplate, type Verdict } from './templates.js';

/** ServiceAccounts by `namespace/name` (namespace empty when a manifest sets none). */
function serviceAccounts(snapshot: Snapshot): Map<string, KubeObject> {
  return new Map(
    snapshot.objects
      .filter((object) => object.kind === 'ServiceAccount')
      .map((object) => [`${object.metadata.namespace ?? ''}/${object.metadata.name}`, object])
  );
}

function judge(template: PodTemplate, accounts: ReadonlyMap<string, KubeObject>): Verdict {
  const own = template.spec.automountServiceAccountToken;
  if (own !== undefined) {
    return own
      ? { status: 'fail', reason: `${template.path}.automountServiceAccountToken is true` }
      : { status: 'pass', reason: `${template.path}.automountServiceAccountToken is false` };
  }
  const name = serviceAccountOf(template.spec);
  const namespace = template.owner.metadata.namespace;
  const account = accounts.get(`${namespace ?? ''}/${name}`);
  const where = `ServiceAccount ${namespace ? `${namespace}/` : ''}${name}`;
  if (account === undefined) {
    return {
      status: 'fail',
      reason: `${template.path}.automountServiceAccountToken is not set and ${where} is not in the snapshot, so the token is mounted by default`,
    };
  }
  const fromAccount = account.automountServiceAccountToken;
  return fromAccount === false
    ? {
        status: 'pass',
        reason: `${template.path}.automountServiceAccountToken is not set and ${where} sets automountServiceAccountToken: false`,
      }
    : {
        status: 'fail',
        reason: `${template.path}.automountServiceAccountToken is not set and ${where} ${fromAccount === true ? 'sets automountServiceAccountToken: true' : 'does not set automountServiceAccountToken: false'}`,
      };
}

/**
 * The API token is not mounted into the pod: the pod sets `automountServiceAccountToken:
 * false`, or says nothing and its ServiceAccount (looked up in the snapshot, `default` when the
 * pod names none) sets it to false. The pod's own value wins, as in the API. A pod that needs
 * the API keeps the token and gets an exception.
 */
export const check: Check = {
  id: 'defender-automount-service-account-token',
  title: 'Kubernetes clusters should disable automounting API credentials',
  severity: 'high',
  controls: [
    {
      framework: 'defender',
      id: 'kubernetes-clusters-should-disable-automounting-api-credentials',
    },
    { framework: 'cis-eks-1.8.0', id: '4.1.6' },
  ],
  remediation:
    'Set automountServiceAccountToken: false on the pod spec (or its ServiceAccount) unless the workload calls the Kubernetes API.',
  run: (snapshot) => {
    const accounts = serviceAccounts(snapshot);
    return perTemplate(snapshot, (template) => judge(template, accounts));
  },
};
