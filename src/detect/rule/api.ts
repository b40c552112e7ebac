import type { AuditRule } from './types.js';
import { rule as adminToDefaultServiceAccount } from '../rules/admin-to-default-service-account.js';
import { rule as admissionWebhookCreated } from '../rules/admission-webhook-created.js';
import { rule as anonymousAccessGranted } from '../rules/anonymous-access-granted.js';
import { rule as anonymousRequest } from '../rules/anonymous-request.js';
import { rule as attackTool } from '../rules/attack-tool.js';
import { rule as clusterAdminBinding } from '../rules/cluster-admin-binding.js';
import { rule as configmapCredentials } from '../rules/configmap-credentials.js';
import { rule as corednsModified } from '../rules/coredns-modified.js';
import { rule as ephemeralContainer } from '../rules/ephemeral-container.js';
import { rule as eventsDeleted } from '../rules/events-deleted.js';
import { rule as execInKubeSystem } from '../rules/exec-in-kube-system.js';
import { rule as exposedDashboard } from '../rules/exposed-dashboard.js';
import { rule as exposedKubeflow } from '../rules/exposed-kubeflow.js';
import { rule as exposedSensitiveService } from '../rules/exposed-sensitive-service.js';
import { rule as highPrivilegeRole } from '../rules/high-privilege-role.js';
import { rule as hostNamespaces } from '../rules/host-namespaces.js';
import { rule as ingressWithoutTls } from '../rules/ingress-without-tls.js';
import { rule as kubeSystemNewContainer } from '../rules/kube-system-new-container.js';
import { rule as maliciousIpCaller } from '../rules/malicious-ip-caller.js';
import { rule as minerImage } from '../rules/miner-image.js';
import { rule as nodeportService } from '../rules/nodeport-service.js';
import { rule as podExec } from '../rules/pod-exec.js';
import { rule as podExecRole } from '../rules/pod-exec-role.js';
import { rule as portForward } from '../rules/port-forward.js';
import { rule as privilegedContainer } from '../rules/privileged-container.js';
import { rule as secretsListedClusterWide } from '../rules/secrets-listed-cluster-wide.js';
import { rule as sensitiveHostMount } from '../rules/sensitive-host-mount.js';
import { rule as serviceAccountInKubeNamespace } from '../rules/service-account-in-kube-namespace.js';
import { rule as systemRoleModified } from '../rules/system-role-modified.js';
import { rule as torCaller } from '../rules/tor-caller.js';
import { rule as wildcardRole } from '../rules/wildcard-role.js';

/**
 * Every audit-log rule, one file each in `src/detect/rules/`. Adding a rule is a file there and
 * one line here; a convention test checks that the two agree.
 */
export const rules: readonly AuditRule[] = [
  adminToDefaultServiceAccount,
  admissionWebhookCreated,
  anonymousAccessGranted,
  anonymousRequest,
  attackTool,
  clusterAdminBinding,
  configmapCredentials,
  corednsModified,
  ephemeralContainer,
  eventsDeleted,
  execInKubeSystem,
  exposedDashboard,
  exposedKubeflow,
  exposedSensitiveService,
  highPrivilegeRole,
  hostNamespaces,
  ingressWithoutTls,
  kubeSystemNewContainer,
  maliciousIpCaller,
  minerImage,
  nodeportService,
  podExec,
  podExecRole,
  portForward,
  privilegedContainer,
  secretsListedClusterWide,
  sensitiveHostMount,
  serviceAccountInKubeNamespace,
  systemRoleModified,
  torCaller,
  wildcardRole,
];
