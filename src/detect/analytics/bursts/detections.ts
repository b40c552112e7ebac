import type { DetectionMeta } from '../../rule/types.js';

export const forbiddenBurst: DetectionMeta = {
  id: 'forbidden-burst',
  title: 'Burst of forbidden requests from one identity',
  description:
    'One identity was refused (HTTP 403) many times in a short window. Someone holding a stolen token finds out what it may do by trying, and a sweep of refusals is what that looks like; a workload that suddenly lacks the permissions it needs looks the same and is worth fixing too.',
  severity: 'medium',
  mitre: ['T1613', 'T1069'],
  equivalents: {},
};

export const permissionCheckBurst: DetectionMeta = {
  id: 'permission-check-burst',
  title: 'Burst of permission checks from one identity',
  description:
    'One identity asked the API server many times in a short window what it, or someone else, may do (SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview). `kubectl auth can-i` sweeps and attack tools enumerate permissions this way before they act. Components that authorize by delegation (metrics-server, kube-rbac-proxy) also ask often and may need an exception.',
  severity: 'low',
  mitre: ['T1069'],
  equivalents: { guardduty: ['Discovery:Kubernetes/AnomalousBehavior.PermissionChecked'] },
};

export const secretsEnumeration: DetectionMeta = {
  id: 'secrets-enumeration',
  title: 'Secrets listed or read across many namespaces',
  description:
    'One identity listed or read secrets in many namespaces in a short window, or listed them across all namespaces at once. Secrets hold the tokens and passwords that open the rest of the cluster and the cloud account; collecting them wholesale is credential access (Microsoft threat matrix: List K8S secrets).',
  severity: 'medium',
  mitre: ['T1552.007', 'MS-TA9025'],
  equivalents: {},
};

/** The detections of the burst model, for the catalogue. */
export const burstDetections: readonly DetectionMeta[] = [
  forbiddenBurst,
  permissionCheckBurst,
  secretsEnumeration,
];
