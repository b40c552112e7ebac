import type { Check } from '../../check/types.js';
import { check as auditLogCollection } from './audit-log-collection.js';
import { check as auditLogs } from './audit-logs.js';
import { check as ecrNodeReadOnly } from './ecr-node-read-only.js';
import { check as ecrScanOnPush } from './ecr-scan-on-push.js';
import { check as ecrUserAccess } from './ecr-user-access.js';
import { check as endpointAccessRestricted } from './endpoint-access-restricted.js';
import { check as endpointPrivateOnly } from './endpoint-private-only.js';
import { check as iamAuthentication } from './iam-authentication.js';
import { check as loadBalancerTls } from './load-balancer-tls.js';
import { check as networkPolicy } from './network-policy.js';
import { check as privateNodes } from './private-nodes.js';
import { check as publicEndpointOpen } from './public-endpoint-open.js';
import { check as secretsEncryption } from './secrets-encryption.js';

/**
 * Every EKS check, in CIS order (sections 2 and 5), then exposure. They read `snapshot.eks`
 * only, and return nothing for a snapshot without it.
 */
export const checks: readonly Check[] = [
  auditLogs,
  auditLogCollection,
  ecrScanOnPush,
  ecrUserAccess,
  ecrNodeReadOnly,
  secretsEncryption,
  endpointAccessRestricted,
  endpointPrivateOnly,
  privateNodes,
  networkPolicy,
  loadBalancerTls,
  iamAuthentication,
  publicEndpointOpen,
];
