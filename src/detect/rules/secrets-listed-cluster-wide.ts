import type { AuditRule } from '../rule/types.js';
import { succeededOutsidePlatform } from '../rule/access-identity.js';
import { actorOf, queryValues } from '../rule/access-request.js';

const maxSelector = 120;

/**
 * A list or watch of secrets with no namespace: every secret of the cluster, values included,
 * in one response. Controllers that need it run as platform identities and are left out; an
 * operator that does it (a secrets syncer, `helm list -A`) is for an exception.
 */
export const rule: AuditRule = {
  id: 'secrets-listed-cluster-wide',
  title: 'Secrets listed across all namespaces',
  description:
    'An identity that is not a Kubernetes or EKS component listed or watched secrets across ' +
    'all namespaces, which returns every secret value in the cluster (Microsoft Threat Matrix ' +
    'MS-TA9025, list Kubernetes secrets).',
  severity: 'medium',
  mitre: ['T1552.007', 'MS-TA9025'],
  equivalents: {},
  on: { resources: ['secrets'], verbs: ['list', 'watch'] },
  evaluate(event) {
    if (event.objectRef?.namespace || !succeededOutsidePlatform(event)) {
      return undefined;
    }
    const verb = event.verb === 'watch' ? 'watched' : 'listed';
    const fields: Record<string, string> = { verb: event.verb };
    const selectors: string[] = [];
    for (const name of ['labelSelector', 'fieldSelector']) {
      const value = queryValues(event, name)[0];
      if (value !== undefined && value !== '') {
        const shown = value.length > maxSelector ? `${value.slice(0, maxSelector)}…` : value;
        fields[name] = shown;
        selectors.push(`${name} ${shown}`);
      }
    }
    const narrowed = selectors.length > 0 ? ` (narrowed by ${selectors.join(', ')})` : '';
    return {
      message: `${actorOf(event)} ${verb} secrets across all namespaces${narrowed}.`,
      fields,
    };
  },
};
