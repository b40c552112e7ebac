import type { DetectionMeta } from '../../rule/types.js';

export const anomalousServiceAccountOperation: DetectionMeta = {
  id: 'anomalous-service-account-operation',
  title: 'Service account performed an operation outside its baseline',
  description:
    'A service account made a successful request (verb, resource and namespace) it never made during the learning window. Workloads repeat the same few calls, so a new one often means its token was stolen or the pod was taken over and is being used to explore or escalate.',
  severity: 'medium',
  mitre: ['T1078', 'T1528'],
  equivalents: { defender: 'K8S_ServiceAccountRareOperation' },
};

export const anomalousSecretAccess: DetectionMeta = {
  id: 'anomalous-secret-access',
  title: 'Identity read a secret outside its baseline',
  description:
    'An identity read or listed a secret it never read during the learning window. Secrets hold tokens, passwords and keys; an identity reaching for new ones is the usual next step after a compromise.',
  severity: 'medium',
  mitre: ['T1552.007'],
  equivalents: {
    defender: 'K8S_AnomalousSecretAccess',
    guardduty: ['CredentialAccess:Kubernetes/AnomalousBehavior.SecretsAccessed'],
  },
};

export const anomalousExec: DetectionMeta = {
  id: 'anomalous-exec',
  title: 'Identity exec-ed into pods of a namespace outside its baseline',
  description:
    'An identity opened an exec or attach session into a pod of a namespace it never exec-ed into during the learning window. Exec runs commands inside a workload with its identity and its secrets, and attackers use it to move into the pods that hold them.',
  severity: 'medium',
  mitre: ['T1609'],
  equivalents: { guardduty: ['Execution:Kubernetes/AnomalousBehavior.ExecInPod'] },
};

export const anomalousWorkloadDeployment: DetectionMeta = {
  id: 'anomalous-workload-deployment',
  title: 'Identity deployed a kind of workload outside its baseline',
  description:
    'An identity created or changed a workload (pod, deployment, daemonset, job...) of a kind, or in a namespace, it never deployed to during the learning window. A workload deployed by an unexpected identity is how miners, backdoors and privileged pods arrive.',
  severity: 'low',
  mitre: ['T1610'],
  equivalents: {
    defender: 'K8S_AnomalousPodDeployment',
    guardduty: ['Execution:Kubernetes/AnomalousBehavior.WorkloadDeployed'],
  },
};

/** The detections of the baseline model, for the catalogue. */
export const baselineDetections: readonly DetectionMeta[] = [
  anomalousServiceAccountOperation,
  anomalousSecretAccess,
  anomalousExec,
  anomalousWorkloadDeployment,
];
