import type { Check } from '../../check/types.js';
import { cis, nodesProxy } from './catalog.js';
import { permissionCheck } from './subject-check.js';

/**
 * CIS 4.1.10: nodes/proxy reaches the kubelet API of every node, which runs commands in any
 * pod there, around admission and audit of the pods it touches.
 */
export const check: Check = permissionCheck({
  id: 'rbac-nodes-proxy',
  title: 'No access to the proxy subresource of nodes',
  severity: 'high',
  controls: [cis('4.1.10')],
  remediation:
    'Remove nodes/proxy from the ClusterRole; monitoring agents can read kubelet metrics through nodes/metrics and nodes/stats instead.',
  scope: 'any',
  power: 'use nodes/proxy',
  permissions: nodesProxy,
});
