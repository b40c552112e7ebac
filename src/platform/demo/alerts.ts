import type { Alert, AlertIdentity, AlertObject } from '../../core/alert.js';
import { rules } from '../../detect/index.js';

interface DemoAlert {
  rule: string;
  identity: AlertIdentity;
  object: AlertObject;
  message: string;
  fields: Record<string, string>;
  count: number;
  /** How long before the seed it was first seen. */
  hoursAgo: number;
}

const alice: AlertIdentity = {
  username: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
  groups: ['system:authenticated'],
  arn: 'arn:aws:iam::111122223333:role/Admin',
};
const ci: AlertIdentity = {
  username: 'system:serviceaccount:ci:deployer',
  groups: ['system:serviceaccounts', 'system:authenticated'],
  serviceAccount: { namespace: 'ci', name: 'deployer' },
};
const stranger: AlertIdentity = {
  username: 'system:anonymous',
  groups: ['system:unauthenticated'],
};

const demoAlerts: readonly DemoAlert[] = [
  {
    rule: 'exec-in-kube-system',
    identity: alice,
    object: {
      resource: 'pods',
      subresource: 'exec',
      namespace: 'kube-system',
      name: 'aws-node-7xk2p',
    },
    message: 'alice ran `sh` in pod kube-system/aws-node-7xk2p',
    fields: { command: 'sh', interactive: 'true' },
    count: 3,
    hoursAgo: 5,
  },
  {
    rule: 'privileged-container',
    identity: ci,
    object: {
      resource: 'deployments',
      apiGroup: 'apps',
      namespace: 'monitoring',
      name: 'node-agent',
    },
    message: 'ci/deployer created deployment monitoring/node-agent with a privileged container',
    fields: { container: 'agent', image: 'registry.demo.invalid/ops/node-agent:0.9.3' },
    count: 1,
    hoursAgo: 30,
  },
  {
    rule: 'cluster-admin-binding',
    identity: alice,
    object: {
      resource: 'clusterrolebindings',
      apiGroup: 'rbac.authorization.k8s.io',
      name: 'temp-debug-admin',
    },
    message: 'alice bound cluster-admin to user bob',
    fields: { role: 'cluster-admin', subjects: 'User/bob' },
    count: 1,
    hoursAgo: 50,
  },
  {
    rule: 'anonymous-request',
    identity: stranger,
    object: { resource: 'secrets', namespace: 'shop' },
    message: 'an anonymous caller listed secrets in shop',
    fields: { verb: 'list' },
    count: 14,
    hoursAgo: 2,
  },
  {
    rule: 'secrets-listed-cluster-wide',
    identity: ci,
    object: { resource: 'secrets' },
    message: 'ci/deployer listed secrets in every namespace',
    fields: { verb: 'list' },
    count: 2,
    hoursAgo: 70,
  },
];

/** The demo's alerts for one cluster, dressed as the detection engine would raise them. */
export function demoAlertsFor(clusterName: string, now: Date): Alert[] {
  return demoAlerts.flatMap((demo, index) => {
    const rule = rules.find((candidate) => candidate.id === demo.rule);
    if (rule === undefined) {
      return [];
    }
    const first = new Date(now.getTime() - demo.hoursAgo * 3_600_000);
    const last = new Date(first.getTime() + Math.min(demo.hoursAgo, 1) * 1_800_000);
    return [
      {
        id: `demo-${clusterName}-${index + 1}`,
        rule: rule.id,
        kind: 'rule',
        title: rule.title,
        severity: rule.severity,
        mitre: [...rule.mitre],
        equivalents: rule.equivalents,
        message: demo.message,
        cluster: clusterName,
        identity: demo.identity,
        sourceIPs: ['203.0.113.24'],
        userAgent: 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46',
        object: demo.object,
        evidence: {
          auditIDs: [`00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`],
          fields: demo.fields,
        },
        firstSeen: first.toISOString(),
        lastSeen: last.toISOString(),
        count: demo.count,
      },
    ];
  });
}
