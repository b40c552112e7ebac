/**
 * Every PSS check on a pod that passes and one that fails, each written as a bare Pod, a
 * Deployment and a CronJob: the verdict, the resource and the reason must be the same in all
 * three (pod-level fields named by where the owner keeps its pod spec).
 */
import { describe, expect, it } from 'vitest';
import type { Check, ControlRef } from '../../check/types.js';
import { checks } from './index.js';
import { inThreeShapes, judge, specPaths } from './testing/judge.js';

type Fields = Record<string, unknown>;

interface Case {
  id: string;
  controls: ControlRef[];
  passing: Fields;
  failing: Fields;
  /** Template metadata (annotations) of the passing and the failing pod. */
  passingMetadata?: Fields;
  failingMetadata?: Fields;
  /** The fail reason; `{spec}` stands for the owner's pod spec path. */
  reason: string;
}

const app = (fields: Fields = {}): Fields => ({
  name: 'app',
  image: 'registry.example/app:1',
  ...fields,
});
const securityContext = (context: Fields): Fields => app({ securityContext: context });
const baseline = (id: string, ...cis: string[]): ControlRef[] => [
  { framework: 'pss-baseline', id },
  { framework: 'pss-restricted', id },
  ...cis.map((control) => ({ framework: 'cis-eks-1.8.0' as const, id: control })),
];
const restricted = (id: string, ...cis: string[]): ControlRef[] => [
  { framework: 'pss-restricted', id },
  ...cis.map((control) => ({ framework: 'cis-eks-1.8.0' as const, id: control })),
];

const cases: Case[] = [
  {
    id: 'pss-host-namespaces',
    controls: baseline('hostNamespaces', '4.2.2', '4.2.3', '4.2.4'),
    passing: { hostNetwork: false, containers: [app()] },
    failing: { hostNetwork: true, hostPID: true, hostIPC: false, containers: [app()] },
    reason: '{spec}.hostNetwork is true; {spec}.hostPID is true',
  },
  {
    id: 'pss-privileged',
    controls: baseline('privileged', '4.2.1'),
    passing: { containers: [securityContext({ privileged: false })] },
    failing: {
      containers: [securityContext({ privileged: true })],
      initContainers: [{ name: 'setup', securityContext: { privileged: true } }],
    },
    reason:
      'container app: securityContext.privileged is true; initContainers[setup]: securityContext.privileged is true',
  },
  {
    id: 'pss-capabilities-baseline',
    controls: baseline('capabilities_baseline'),
    passing: {
      containers: [securityContext({ capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'] } })],
    },
    failing: {
      containers: [securityContext({ capabilities: { add: ['SYS_ADMIN', 'NET_RAW', 'CHOWN'] } })],
    },
    reason:
      'container app: securityContext.capabilities.add has SYS_ADMIN, NET_RAW (not in the baseline set)',
  },
  {
    id: 'pss-host-path-volumes',
    controls: baseline('hostPathVolumes'),
    passing: { containers: [app()], volumes: [{ name: 'scratch', emptyDir: {} }] },
    failing: {
      containers: [app()],
      volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }],
    },
    reason: 'volume docker: hostPath.path is /var/run/docker.sock',
  },
  {
    id: 'pss-host-ports',
    controls: baseline('hostPorts'),
    passing: { containers: [app({ ports: [{ containerPort: 80, hostPort: 0 }] })] },
    failing: {
      containers: [app({ ports: [{ containerPort: 80 }, { containerPort: 443, hostPort: 8443 }] })],
    },
    reason: 'container app: ports[1].hostPort is 8443',
  },
  {
    id: 'pss-apparmor',
    controls: baseline('appArmorProfile'),
    passing: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [
        securityContext({ appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-app' } }),
      ],
    },
    failing: { containers: [securityContext({ appArmorProfile: { type: 'Unconfined' } })] },
    passingMetadata: {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-app',
        'container.apparmor.security.beta.kubernetes.io/sidecar': 'runtime/default',
      },
    },
    failingMetadata: {
      annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
    },
    reason:
      'container app: securityContext.appArmorProfile.type is Unconfined; annotation container.apparmor.security.beta.kubernetes.io/app is unconfined',
  },
  {
    id: 'pss-selinux',
    controls: baseline('seLinuxOptions'),
    passing: {
      securityContext: { seLinuxOptions: { type: 'container_engine_t', level: 's0:c1,c2' } },
      containers: [app()],
    },
    failing: {
      securityContext: { seLinuxOptions: { type: 'spc_t' } },
      containers: [securityContext({ seLinuxOptions: { user: 'system_u' } })],
    },
    reason:
      '{spec}.securityContext.seLinuxOptions.type is spc_t; container app: securityContext.seLinuxOptions.user is system_u',
  },
  {
    id: 'pss-proc-mount',
    controls: baseline('procMount_baseline'),
    passing: { containers: [securityContext({ procMount: 'Default' })] },
    failing: { containers: [securityContext({ procMount: 'Unmasked' })] },
    reason: 'container app: securityContext.procMount is Unmasked',
  },
  {
    id: 'pss-seccomp-baseline',
    controls: baseline('seccompProfile_baseline'),
    passing: { containers: [app()] },
    failing: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [app()] },
    reason: '{spec}.securityContext.seccompProfile.type is Unconfined',
  },
  {
    id: 'pss-sysctls',
    controls: baseline('sysctls'),
    passing: {
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] },
      containers: [app()],
    },
    failing: {
      securityContext: {
        sysctls: [
          { name: 'kernel.msgmax', value: '65536' },
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
          { name: 'net.core.somaxconn', value: '1024' },
        ],
      },
      containers: [app()],
    },
    reason:
      '{spec}.securityContext.sysctls has kernel.msgmax, net.core.somaxconn (not in the safe set)',
  },
  {
    id: 'pss-windows-host-process',
    controls: baseline('windowsHostProcess'),
    passing: { containers: [securityContext({ windowsOptions: { hostProcess: false } })] },
    failing: {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [app()],
    },
    reason: '{spec}.securityContext.windowsOptions.hostProcess is true',
  },
  {
    id: 'pss-host-probes-lifecycle',
    controls: baseline('hostProbesAndHostLifecycle'),
    passing: {
      containers: [app({ livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } })],
    },
    failing: {
      containers: [
        app({ livenessProbe: { httpGet: { host: '169.254.169.254', path: '/', port: 80 } } }),
      ],
    },
    reason: 'container app: livenessProbe.httpGet.host is 169.254.169.254',
  },
  {
    id: 'pss-restricted-volumes',
    controls: restricted('restrictedVolumes'),
    passing: {
      containers: [app()],
      volumes: [
        { name: 'config', configMap: { name: 'app' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'models', image: { reference: 'registry.example/models:1' } },
      ],
    },
    failing: {
      containers: [app()],
      volumes: [{ name: 'share', nfs: { server: 'nfs.example', path: '/' } }],
    },
    reason: 'volume share: nfs is not an allowed volume type',
  },
  {
    id: 'pss-allow-privilege-escalation',
    controls: restricted('allowPrivilegeEscalation', '4.2.5'),
    passing: { containers: [securityContext({ allowPrivilegeEscalation: false })] },
    failing: { containers: [app()] },
    reason: 'container app: securityContext.allowPrivilegeEscalation is unset (must be false)',
  },
  {
    id: 'pss-run-as-non-root',
    controls: restricted('runAsNonRoot'),
    passing: { securityContext: { runAsNonRoot: true }, containers: [app()] },
    failing: { containers: [app()] },
    reason:
      'container app: securityContext.runAsNonRoot is unset and the pod does not set it to true',
  },
  {
    id: 'pss-run-as-user',
    controls: restricted('runAsUser'),
    passing: { securityContext: { runAsUser: 1000 }, containers: [app()] },
    failing: { securityContext: { runAsUser: 0 }, containers: [app()] },
    reason: '{spec}.securityContext.runAsUser is 0',
  },
  {
    id: 'pss-seccomp-restricted',
    controls: restricted('seccompProfile_restricted'),
    passing: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [app()],
    },
    failing: { containers: [app()] },
    reason:
      'container app: securityContext.seccompProfile is unset and the pod sets no RuntimeDefault or Localhost profile',
  },
  {
    id: 'pss-capabilities-restricted',
    controls: restricted('capabilities_restricted'),
    passing: {
      containers: [securityContext({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })],
    },
    failing: { containers: [securityContext({ capabilities: { drop: ['NET_RAW'] } })] },
    reason: 'container app: securityContext.capabilities.drop has NET_RAW but not ALL',
  },
  {
    id: 'pss-proc-mount-restricted',
    controls: restricted('procMount_restricted'),
    passing: { hostUsers: false, containers: [app()] },
    failing: { hostUsers: false, containers: [securityContext({ procMount: 'Unmasked' })] },
    reason: 'container app: securityContext.procMount is Unmasked',
  },
];

function checkById(id: string): Check {
  const found = checks.find((check) => check.id === id);
  if (found === undefined) {
    throw new Error(`no check ${id}`);
  }
  return found;
}

describe('every PSS check, on a Pod, a Deployment and a CronJob', () => {
  it('has a case for every check of the family', () => {
    expect(cases.map((testCase) => testCase.id).sort()).toEqual(
      checks.map((check) => check.id).sort()
    );
  });

  describe.each(cases)('$id', (testCase) => {
    const check = checkById(testCase.id);

    it('names the PSA check (and CIS controls) it decides', () => {
      expect(check.controls).toEqual(testCase.controls);
    });

    it('passes the good pod in every shape', () => {
      const results = judge(
        check,
        ...inThreeShapes('good', testCase.passing, testCase.passingMetadata)
      );
      expect([...results.keys()]).toEqual(['Pod/good', 'Deployment/good', 'CronJob/good']);
      for (const result of results.values()) {
        expect(result.status).toBe('pass');
        expect(result.reason).not.toBe('');
      }
    });

    it('fails the bad pod in every shape, with the same reason', () => {
      const results = judge(
        check,
        ...inThreeShapes('bad', testCase.failing, testCase.failingMetadata)
      );
      for (const [kind, path] of Object.entries(specPaths)) {
        const result = results.get(`${kind}/bad`);
        expect(result).toEqual({
          status: 'fail',
          resource: {
            kind,
            name: 'bad',
            namespace: 'default',
            apiVersion: kind === 'Pod' ? 'v1' : kind === 'Deployment' ? 'apps/v1' : 'batch/v1',
          },
          reason: testCase.reason.replaceAll('{spec}', path),
        });
      }
    });
  });
});
