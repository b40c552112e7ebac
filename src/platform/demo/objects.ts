import type { ClusterNode, KubeObject } from '../../posture/index.js';

/** The registry the demo's images live in; `.invalid` so nothing ever tries to reach it. */
export const demoRegistryHost = 'registry.demo.invalid';

interface DemoContainer {
  name: string;
  image: string;
  privileged?: boolean;
  runAsNonRoot?: boolean;
  limits?: boolean;
}

function deployment(
  namespace: string,
  name: string,
  containers: readonly DemoContainer[],
  pod: Record<string, unknown> = {}
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...pod,
          containers: containers.map((container) => ({
            name: container.name,
            image: container.image,
            securityContext: {
              ...(container.privileged === true ? { privileged: true } : {}),
              ...(container.runAsNonRoot === true
                ? {
                    runAsNonRoot: true,
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ['ALL'] },
                    seccompProfile: { type: 'RuntimeDefault' },
                  }
                : {}),
            },
            ...(container.limits === true
              ? { resources: { limits: { cpu: '500m', memory: '256Mi' } } }
              : {}),
          })),
        },
      },
    },
  };
}

function namespace(name: string, enforce?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      ...(enforce !== undefined
        ? { labels: { 'pod-security.kubernetes.io/enforce': enforce } }
        : {}),
    },
  };
}

/** What a demo cluster runs: a shop with a few honest mistakes, and a hardened payments app. */
export function demoObjects(environment: string): KubeObject[] {
  const shop = `${demoRegistryHost}/shop`;
  return [
    namespace('shop'),
    namespace('payments', 'restricted'),
    namespace('monitoring', 'baseline'),
    deployment('shop', 'web', [{ name: 'web', image: `${shop}/web:1.4.2`, limits: true }]),
    deployment('shop', 'cart', [{ name: 'cart', image: `${shop}/cart:2.0.1` }]),
    deployment(
      'payments',
      'ledger',
      [{ name: 'ledger', image: `${shop}/ledger:3.2.0`, runAsNonRoot: true, limits: true }],
      { automountServiceAccountToken: false }
    ),
    deployment(
      'monitoring',
      'node-agent',
      [{ name: 'agent', image: `${demoRegistryHost}/ops/node-agent:0.9.3`, privileged: true }],
      { hostNetwork: true, hostPID: environment === 'prod' }
    ),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 443 }] },
    },
  ];
}

const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/**
 * The cluster's nodes, with their vCPUs: an EKS managed node group of Graviton on-demand nodes
 * across the zones and, beyond four nodes, the rest in a Karpenter node pool of spot x86 nodes.
 */
export function demoNodes(count: number, cpu: number): ClusterNode[] {
  return Array.from({ length: count }, (_, index) => {
    const spot = index >= 4;
    const size = cpu >= 4 ? 'xlarge' : 'large';
    return {
      name: `ip-10-0-${index + 1}-${10 + index}.eu-west-1.compute.internal`,
      cpuMillicores: cpu * 1000,
      architecture: spot ? 'amd64' : 'arm64',
      operatingSystem: 'linux',
      osImage: 'Amazon Linux 2023.6.20250115',
      kubeletVersion: 'v1.31.4-eks-aeac579',
      instanceType: spot ? `m6i.${size}` : `m7g.${size}`,
      nodeGroup: spot ? 'batch-spot' : 'general',
      capacityType: spot ? 'spot' : 'on-demand',
      zone: zones[index % zones.length] ?? 'eu-west-1a',
    };
  });
}
