import type { Check } from '../../check/types.js';
import { cis, clusterRef } from './eks-view.js';
import { enabledLogTypes } from './audit-logs.js';

/**
 * CIS 2.1.2 is a manual control: where audit logs go after CloudWatch (retention, a central
 * sink, alerting) is not in the cluster's configuration. The result says whether the audit log
 * type is on, and where EKS writes it.
 */
export const check: Check = {
  id: 'eks-audit-log-collection',
  title: 'Audit logs should be collected and managed',
  severity: 'low',
  controls: [cis('2.1.2')],
  remediation:
    'Keep the audit log type enabled, set a retention period on the /aws/eks/<cluster>/cluster log group, and forward it to a central log store with alerting.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const group = `/aws/eks/${eks.name}/cluster`;
    return [
      {
        status: 'manual',
        resource: clusterRef(eks),
        reason: enabledLogTypes(eks.cluster).has('audit')
          ? `the audit log type is enabled and goes to the CloudWatch Logs group ${group}; check its retention and that it is forwarded to a central, monitored store`
          : 'the audit log type is not enabled, so there are no audit logs to collect (see eks-audit-logs)',
      },
    ];
  },
};
