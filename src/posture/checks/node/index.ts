import type { Check } from '../../check/types.js';
import { check as kubeconfigPermissions } from './kubeconfig-permissions.js';
import { check as kubeconfigOwnership } from './kubeconfig-ownership.js';
import { check as configPermissions } from './config-permissions.js';
import { check as configOwnership } from './config-ownership.js';
import { check as anonymousAuth } from './anonymous-auth.js';
import { check as authorizationMode } from './authorization-mode.js';
import { check as clientCaFile } from './client-ca-file.js';
import { check as readOnlyPort } from './read-only-port.js';
import { check as streamingIdleTimeout } from './streaming-idle-timeout.js';
import { check as iptablesUtilChains } from './iptables-util-chains.js';
import { check as eventQps } from './event-qps.js';
import { check as rotateCertificates } from './rotate-certificates.js';
import { check as rotateServerCertificate } from './rotate-server-certificate.js';

/** Every CIS EKS 1.8.0 section 3 (worker node) check, in control order. */
export const checks: readonly Check[] = [
  kubeconfigPermissions,
  kubeconfigOwnership,
  configPermissions,
  configOwnership,
  anonymousAuth,
  authorizationMode,
  clientCaFile,
  readOnlyPort,
  streamingIdleTimeout,
  iptablesUtilChains,
  eventQps,
  rotateCertificates,
  rotateServerCertificate,
];
