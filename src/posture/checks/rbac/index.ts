import type { Check } from '../../check/types.js';
import { check as awsAuthWriters } from './aws-auth-writers.js';
import { check as clusterAdmin } from './cluster-admin.js';
import { check as clusterAdminNamespaced } from './cluster-admin-namespaced.js';
import { check as csrApprovers } from './csr-approvers.js';
import { check as dedicatedServiceAccounts } from './dedicated-service-accounts.js';
import { check as defaultServiceAccounts } from './default-service-accounts.js';
import { check as namespaceBoundaries } from './namespace-boundaries.js';
import { check as nodesProxy } from './nodes-proxy.js';
import { check as persistentVolumeCreators } from './persistent-volume-creators.js';
import { check as podCreators } from './pod-creators.js';
import { check as podCreatorsNamespaced } from './pod-creators-namespaced.js';
import { check as podExec } from './pod-exec.js';
import { check as podExecNamespaced } from './pod-exec-namespaced.js';
import { check as privilegeEscalation } from './privilege-escalation.js';
import { check as privilegeEscalationNamespaced } from './privilege-escalation-namespaced.js';
import { check as secretsReaders } from './secrets-readers.js';
import { check as secretsReadersNamespaced } from './secrets-readers-namespaced.js';
import { check as tokenCreators } from './token-creators.js';
import { check as tokenCreatorsNamespaced } from './token-creators-namespaced.js';
import { check as webhookConfigWriters } from './webhook-config-writers.js';
import { check as wildcardClusterRoles } from './wildcard-cluster-roles.js';
import { check as wildcardRoles } from './wildcard-roles.js';

/**
 * The RBAC risk checks, in CIS EKS 1.8.0 section 4.1 order, then those no control covers, then
 * the namespace (4.5.1) and service-account (5.2.1) boundaries.
 */
export const checks: readonly Check[] = [
  clusterAdmin,
  clusterAdminNamespaced,
  secretsReaders,
  secretsReadersNamespaced,
  wildcardClusterRoles,
  wildcardRoles,
  podCreators,
  podCreatorsNamespaced,
  defaultServiceAccounts,
  privilegeEscalation,
  privilegeEscalationNamespaced,
  persistentVolumeCreators,
  nodesProxy,
  webhookConfigWriters,
  tokenCreators,
  tokenCreatorsNamespaced,
  podExec,
  podExecNamespaced,
  csrApprovers,
  awsAuthWriters,
  namespaceBoundaries,
  dedicatedServiceAccounts,
];
