import { randomUUID } from 'node:crypto';

/**
 * A day in a busy EKS cluster's audit log, compressed: the traffic mix of a 100-node cluster as
 * the API server writes it with EKS's policy. Most events are Kubernetes itself (kubelets
 * renewing leases and reporting status, controllers listing and watching), a tenth are workloads'
 * service accounts, a few are people; a handful are what the rules look for (privileged pods,
 * exec, new cluster-admin bindings, anonymous probes, secrets listed across namespaces).
 * Sizes follow the 2.5 KB 95th percentile kube load tests measured.
 */
export function auditMix(count: number): string[] {
  const events: string[] = [];
  const start = Date.parse('2026-11-02T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const time = new Date(start + i * 7).toISOString().replace('Z', '123Z');
    events.push(JSON.stringify(eventAt(i, time)));
  }
  return events;
}

const node = (i: number) => `ip-10-0-${(i % 100) >> 4}-${i % 100}.eu-west-1.compute.internal`;

const nodeUser = (i: number) => ({
  username: `system:node:${node(i)}`,
  uid: `aws-iam-authenticator:111122223333:AROA${i % 100}`,
  groups: ['system:bootstrappers', 'system:nodes', 'system:authenticated'],
  extra: {
    accessKeyId: ['ASIAEXAMPLEKEY'],
    arn: [`arn:aws:sts::111122223333:assumed-role/eks-node-role/i-0${i % 100}abcdef`],
    canonicalArn: ['arn:aws:iam::111122223333:role/eks-node-role'],
    sessionName: [`i-0${i % 100}abcdef`],
  },
});

const serviceAccount = (namespace: string, name: string) => ({
  username: `system:serviceaccount:${namespace}:${name}`,
  uid: randomUUID(),
  groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  extra: {
    'authentication.kubernetes.io/pod-name': [`${name}-6d4cf56db6-x9x2k`],
    'authentication.kubernetes.io/pod-uid': [randomUUID()],
  },
});

const human = {
  username: 'arn:aws:sts::111122223333:assumed-role/Developer/bob',
  uid: 'aws-iam-authenticator:111122223333:AROADEV',
  groups: ['developers', 'system:authenticated'],
  extra: {
    accessKeyId: ['ASIADEVKEY'],
    arn: ['arn:aws:sts::111122223333:assumed-role/Developer/bob'],
    canonicalArn: ['arn:aws:iam::111122223333:role/Developer'],
    sessionName: ['bob'],
  },
};

function base(
  i: number,
  time: string,
  verb: string,
  user: unknown,
  request: { objectRef: Record<string, string>; code: number; agent: string; uri: string }
): Record<string, unknown> {
  const { objectRef, code, agent, uri } = request;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: uri,
    verb,
    user,
    sourceIPs: [i % 3 === 0 ? '10.0.12.34' : `10.0.${i % 50}.${i % 200}`],
    userAgent: agent,
    objectRef,
    responseStatus: { metadata: {}, code },
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: {
      'authorization.k8s.io/decision': code === 403 ? 'forbid' : 'allow',
      'authorization.k8s.io/reason': code === 403 ? '' : 'RBAC: allowed by ClusterRoleBinding',
    },
  };
}

function pod(name: string, namespace: string, privileged: boolean): Record<string, unknown> {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace, labels: { app: name, 'pod-template-hash': '6d4cf56db6' } },
    spec: {
      serviceAccountName: name,
      containers: [
        {
          name: 'app',
          image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/${name}:1.${name.length}`,
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          resources: { limits: { cpu: '500m', memory: '256Mi' } },
          securityContext: { privileged, allowPrivilegeEscalation: privileged },
        },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
}

function eventAt(i: number, time: string): Record<string, unknown> {
  const kubelet = 'kubelet/v1.30.4-eks-a737599 (linux/amd64) kubernetes/a737599';
  const slot = i % 1000;
  if (slot < 300) {
    // Node lease renewals, the steady beat of every cluster.
    const name = node(i);
    return base(i, time, 'update', nodeUser(i), {
      objectRef: {
        resource: 'leases',
        namespace: 'kube-node-lease',
        name,
        apiGroup: 'coordination.k8s.io',
        apiVersion: 'v1',
      },
      code: 200,
      agent: kubelet,
      uri: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}?timeout=10s`,
    });
  }
  if (slot < 450) {
    const name = node(i);
    return base(i, time, 'patch', nodeUser(i), {
      objectRef: { resource: 'nodes', name, apiVersion: 'v1', subresource: 'status' },
      code: 200,
      agent: kubelet,
      uri: `/api/v1/nodes/${name}/status?timeout=10s`,
    });
  }
  if (slot < 600) {
    const ns = `team-${i % 40}`;
    return base(i, time, 'get', nodeUser(i), {
      objectRef: {
        resource: 'configmaps',
        namespace: ns,
        name: 'kube-root-ca.crt',
        apiVersion: 'v1',
      },
      code: 200,
      agent: kubelet,
      uri: `/api/v1/namespaces/${ns}/configmaps/kube-root-ca.crt`,
    });
  }
  if (slot < 750) {
    const controller =
      ['replicaset-controller', 'endpointslice-controller', 'deployment-controller'][i % 3] ?? 'x';
    const resource = ['pods', 'endpointslices', 'replicasets'][i % 3] ?? 'pods';
    return base(
      i,
      time,
      i % 2 === 0 ? 'watch' : 'list',
      serviceAccount('kube-system', controller),
      {
        objectRef: { resource, apiVersion: 'v1' },
        code: 200,
        agent: 'kube-controller-manager/v1.30.4 (linux/amd64) kubernetes/a737599/shared-informers',
        uri: `/api/v1/${resource}?allowWatchBookmarks=true&resourceVersion=123&watch=true`,
      }
    );
  }
  if (slot < 850) {
    const ns = `team-${i % 40}`;
    const app = `app-${i % 12}`;
    return base(i, time, 'get', serviceAccount(ns, app), {
      objectRef: { resource: 'configmaps', namespace: ns, name: `${app}-config`, apiVersion: 'v1' },
      code: 200,
      agent: 'Go-http-client/2.0',
      uri: `/api/v1/namespaces/${ns}/configmaps/${app}-config`,
    });
  }
  if (slot < 900) {
    return base(i, time, 'get', serviceAccount('kube-system', 'aws-node'), {
      objectRef: {
        resource: 'pods',
        namespace: 'kube-system',
        name: `aws-node-${i % 100}`,
        apiVersion: 'v1',
      },
      code: 200,
      agent: 'aws-node/v1.18.3',
      uri: `/api/v1/namespaces/kube-system/pods/aws-node-${i % 100}`,
    });
  }
  if (slot < 940) {
    const ns = `team-${i % 40}`;
    return base(i, time, 'list', human, {
      objectRef: { resource: 'pods', namespace: ns, apiVersion: 'v1' },
      code: 200,
      agent: 'kubectl/v1.30.2 (darwin/arm64) kubernetes/3968350',
      uri: `/api/v1/namespaces/${ns}/pods?limit=500`,
    });
  }
  if (slot < 970) {
    // Pods the ReplicaSet controller creates, at RequestResponse as EKS logs pod writes.
    const ns = `team-${i % 40}`;
    const name = `app-${i % 12}-6d4cf56db6-${i % 997}`;
    const event = base(i, time, 'create', serviceAccount('kube-system', 'replicaset-controller'), {
      objectRef: { resource: 'pods', namespace: ns, apiVersion: 'v1' },
      code: 201,
      agent: 'kube-controller-manager/v1.30.4',
      uri: `/api/v1/namespaces/${ns}/pods`,
    });
    event['level'] = 'RequestResponse';
    event['requestObject'] = pod(name, ns, false);
    event['responseObject'] = pod(name, ns, false);
    return event;
  }
  if (slot < 980) {
    // Probes: a refused anonymous listing, and the health check anonymous callers may make.
    const refused = i % 2 === 0;
    const event = base(
      i,
      time,
      'get',
      { username: 'system:anonymous', groups: ['system:unauthenticated'] },
      {
        objectRef: { resource: 'namespaces', apiVersion: 'v1' },
        code: refused ? 403 : 200,
        agent: 'curl/8.5.0',
        uri: refused ? '/api/v1/namespaces' : '/healthz',
      }
    );
    if (!refused) {
      delete event['objectRef'];
    }
    return event;
  }
  if (slot < 985) {
    const ns = `team-${i % 40}`;
    const event = base(i, time, 'create', human, {
      objectRef: {
        resource: 'deployments',
        namespace: ns,
        name: `tool-${i % 7}`,
        apiGroup: 'apps',
        apiVersion: 'v1',
      },
      code: 201,
      agent: 'kubectl/v1.30.2',
      uri: `/apis/apps/v1/namespaces/${ns}/deployments`,
    });
    const template = pod(`tool-${i % 7}`, ns, i % 2 === 0);
    event['level'] = 'RequestResponse';
    event['requestObject'] = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: `tool-${i % 7}`, namespace: ns },
      spec: { replicas: 1, template: { metadata: template['metadata'], spec: template['spec'] } },
    };
    return event;
  }
  if (slot < 990) {
    const ns = i % 2 === 0 ? 'kube-system' : `team-${i % 40}`;
    const event = base(i, time, 'create', human, {
      objectRef: {
        resource: 'pods',
        namespace: ns,
        name: `web-${i % 5}`,
        subresource: 'exec',
        apiVersion: 'v1',
      },
      code: 101,
      agent: 'kubectl/v1.30.2',
      uri: `/api/v1/namespaces/${ns}/pods/web-${i % 5}/exec?command=sh&container=app&stdin=true&tty=true`,
    });
    event['stage'] = 'ResponseStarted';
    return event;
  }
  if (slot < 995) {
    const event = base(i, time, 'create', human, {
      objectRef: {
        resource: 'clusterrolebindings',
        name: `ops-${i % 3}`,
        apiGroup: 'rbac.authorization.k8s.io',
        apiVersion: 'v1',
      },
      code: 201,
      agent: 'kubectl/v1.30.2',
      uri: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    });
    event['level'] = 'RequestResponse';
    event['requestObject'] = {
      kind: 'ClusterRoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: `ops-${i % 3}` },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: i % 2 === 0 ? 'cluster-admin' : 'view',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: `team-${i % 40}` }],
    };
    return event;
  }
  return base(i, time, 'list', serviceAccount(`team-${i % 40}`, 'scanner'), {
    objectRef: { resource: 'secrets', apiVersion: 'v1' },
    code: i % 4 === 0 ? 403 : 200,
    agent: 'Go-http-client/2.0',
    uri: '/api/v1/secrets?limit=500',
  });
}
