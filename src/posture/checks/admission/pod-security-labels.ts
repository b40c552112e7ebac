import type { Check, CheckResult } from '../../check/types.js';
import { refOf, type Snapshot } from '../../snapshot/types.js';

const prefix = 'pod-security.kubernetes.io/';
const levels = new Set(['privileged', 'baseline', 'restricted']);

/**
 * Pod Security Admission is configured per namespace by labels. Without an `enforce` label the
 * cluster-wide default applies, which on EKS (and upstream, unless configured) is `privileged`:
 * any pod is admitted, whatever the checks of the pss family find in the manifests of today.
 */
export const check: Check = {
  id: 'admission-pod-security-labels',
  title: 'Namespaces enforce a Pod Security Standard',
  severity: 'medium',
  controls: [],
  remediation:
    'Label the namespace pod-security.kubernetes.io/enforce=restricted (or baseline where a workload needs it), after a dry run with kubectl label --dry-run=server; add warn and audit at restricted to see what a stricter level would refuse.',
  run: (snapshot) => snapshot.objects.flatMap((object) => judge(snapshot, object)),
};

function judge(snapshot: Snapshot, object: Snapshot['objects'][number]): CheckResult[] {
  if (object.kind !== 'Namespace') {
    return [];
  }
  const labels = object.metadata.labels ?? {};
  const enforce = labels[`${prefix}enforce`];
  const others = (['warn', 'audit'] as const)
    .filter((mode) => labels[`${prefix}${mode}`] !== undefined)
    .map((mode) => `${mode}=${labels[`${prefix}${mode}`] ?? ''}`);
  const also = others.length > 0 ? ` (it only ${others.join(', ')}, which admit every pod)` : '';
  const resource = refOf(snapshot, object);
  if (enforce === undefined) {
    return [
      {
        status: 'fail',
        resource,
        reason: `no ${prefix}enforce label: the cluster default applies, privileged on EKS${also}`,
      },
    ];
  }
  if (!levels.has(enforce)) {
    return [
      {
        status: 'fail',
        resource,
        reason: `${prefix}enforce is "${enforce}", not privileged, baseline or restricted`,
      },
    ];
  }
  const version = labels[`${prefix}enforce-version`];
  const pinned = version !== undefined && version !== 'latest' ? ` at version ${version}` : '';
  if (enforce === 'privileged') {
    return [
      {
        status: 'fail',
        resource,
        reason: `${prefix}enforce is privileged: every pod is admitted${also}`,
      },
    ];
  }
  return [
    {
      status: 'pass',
      resource,
      reason: `${prefix}enforce is ${enforce}${pinned}`,
    },
  ];
}
