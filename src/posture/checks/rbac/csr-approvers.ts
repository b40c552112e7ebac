import type { Check } from '../../check/types.js';
import { csrApproval } from './catalog.js';
import { grantAllows, permissionPhrases, aggregatedSources } from './permissions.js';
import { subjectCheck } from './subject-check.js';

/**
 * Approving certificate signing requests (update on certificatesigningrequests/approval and
 * approve on the signer, both needed) issues client certificates for any name the signer
 * allows. No CIS EKS 1.8.0 control or Defender recommendation covers it: no controls.
 */
export const check: Check = subjectCheck({
  id: 'rbac-csr-approvers',
  title: 'Certificate signing requests are approved only by the control plane',
  severity: 'high',
  controls: [],
  remediation:
    'Remove update on certificatesigningrequests/approval or approve on signers; if a controller approves, limit approve with resourceNames to its own signer.',
  scope: 'any',
  power: 'both update certificatesigningrequests/approval and approve signers',
  powers: (grant) => permissionPhrases(grant, csrApproval),
  sources: (grant) => aggregatedSources(grant, csrApproval),
  complete: (grants) =>
    csrApproval.every((permission) =>
      grants.some((grant) => grantAllows(grant, permission).length > 0)
    ),
});
