import { describe, expect, it } from 'vitest';
import { pod, podSpec, workload } from '../../../../test/harness/kube-objects.js';
import { check as hostNamespaces } from './host-namespaces.js';
import { check as hostPathVolumes } from './host-path-volumes.js';
import { check as hostPorts } from './host-ports.js';
import { check as hostProbesLifecycle } from './host-probes-lifecycle.js';
import { check as windowsHostProcess } from './windows-host-process.js';
import { verdictOf } from './testing/judge.js';

describe('pss-host-namespaces', () => {
  it('passes a pod that sets none of the fields, naming what it looked at', () => {
    expect(verdictOf(hostNamespaces, pod('plain'))).toEqual({
      status: 'pass',
      resource: { kind: 'Pod', name: 'plain', namespace: 'default', apiVersion: 'v1' },
      reason: 'hostNetwork, hostPID and hostIPC are unset or false',
    });
  });

  it('passes all three fields set to false', () => {
    const spec = podSpec({ hostNetwork: false, hostPID: false, hostIPC: false });
    expect(verdictOf(hostNamespaces, pod('off', spec)).status).toBe('pass');
  });

  it('names each shared namespace of a DaemonSet template', () => {
    const spec = podSpec({ hostNetwork: true, hostPID: true, hostIPC: true });
    expect(verdictOf(hostNamespaces, workload('DaemonSet', 'agent', spec)).reason).toBe(
      'spec.template.spec.hostNetwork is true; spec.template.spec.hostPID is true; spec.template.spec.hostIPC is true'
    );
  });

  it('lists CIS 4.2.2, 4.2.3 and 4.2.4 beside the PSS controls', () => {
    expect(hostNamespaces.controls.filter((c) => c.framework === 'cis-eks-1.8.0')).toEqual([
      { framework: 'cis-eks-1.8.0', id: '4.2.2' },
      { framework: 'cis-eks-1.8.0', id: '4.2.3' },
      { framework: 'cis-eks-1.8.0', id: '4.2.4' },
    ]);
  });
});

describe('pss-host-path-volumes', () => {
  it('passes a pod without volumes and one with an empty volume list', () => {
    expect(verdictOf(hostPathVolumes, pod('none')).status).toBe('pass');
    expect(verdictOf(hostPathVolumes, pod('empty', podSpec({ volumes: [] }))).status).toBe('pass');
  });

  it('names every hostPath volume and its path', () => {
    const spec = podSpec({
      volumes: [
        { name: 'root', hostPath: { path: '/' } },
        { name: 'config', configMap: { name: 'app' } },
        { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
      ],
    });
    expect(verdictOf(hostPathVolumes, pod('mounts', spec))).toMatchObject({
      status: 'fail',
      reason: 'volume root: hostPath.path is /; volume logs: hostPath.path is /var/log',
    });
  });
});

describe('pss-host-ports', () => {
  it('passes containers without ports, and ports with hostPort 0', () => {
    expect(verdictOf(hostPorts, pod('bare')).status).toBe('pass');
    const spec = podSpec({}, { ports: [{ containerPort: 8080, hostPort: 0 }] });
    expect(verdictOf(hostPorts, pod('zero', spec)).status).toBe('pass');
  });

  it('looks at init and ephemeral containers too', () => {
    const spec = podSpec({
      initContainers: [{ name: 'setup', ports: [{ containerPort: 53, hostPort: 53 }] }],
      ephemeralContainers: [{ name: 'debug', ports: [{ containerPort: 9000, hostPort: 9000 }] }],
    });
    expect(verdictOf(hostPorts, pod('ports', spec)).reason).toBe(
      'initContainers[setup]: ports[0].hostPort is 53; ephemeralContainers[debug]: ports[0].hostPort is 9000'
    );
  });
});

describe('pss-host-probes-lifecycle', () => {
  it('passes probes with an empty host, which means the pod itself', () => {
    const spec = podSpec({}, { readinessProbe: { tcpSocket: { host: '', port: 80 } } });
    expect(verdictOf(hostProbesLifecycle, pod('empty-host', spec)).status).toBe('pass');
  });

  it('names tcpSocket probes and lifecycle hooks of every container list', () => {
    const spec = podSpec(
      {
        initContainers: [
          { name: 'setup', startupProbe: { tcpSocket: { host: 'db.internal', port: 5432 } } },
        ],
        ephemeralContainers: [
          { name: 'debug', readinessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } },
        ],
      },
      {
        lifecycle: {
          preStop: { httpGet: { host: 'metadata.google.internal', port: 80 } },
          postStart: { tcpSocket: { host: '127.0.0.1', port: 22 } },
        },
      }
    );
    expect(verdictOf(hostProbesLifecycle, pod('probes', spec)).reason).toBe(
      [
        'container app: lifecycle.postStart.tcpSocket.host is 127.0.0.1',
        'container app: lifecycle.preStop.httpGet.host is metadata.google.internal',
        'initContainers[setup]: startupProbe.tcpSocket.host is db.internal',
        'ephemeralContainers[debug]: readinessProbe.httpGet.host is 10.0.0.1',
      ].join('; ')
    );
  });
});

describe('pss-windows-host-process', () => {
  it('passes a pod with no windowsOptions', () => {
    expect(verdictOf(windowsHostProcess, pod('linux')).status).toBe('pass');
  });

  it('names containers and init containers that ask for HostProcess', () => {
    const spec = podSpec(
      {
        os: { name: 'windows' },
        initContainers: [
          { name: 'setup', securityContext: { windowsOptions: { hostProcess: true } } },
        ],
      },
      { securityContext: { windowsOptions: { hostProcess: true } } }
    );
    expect(verdictOf(windowsHostProcess, pod('win', spec)).reason).toBe(
      'container app: securityContext.windowsOptions.hostProcess is true; initContainers[setup]: securityContext.windowsOptions.hostProcess is true'
    );
  });
});
