import { describe, expect, it } from 'vitest';
import {
  auditEvent,
  createEvent,
  deploymentObject,
  intelOf,
  noIntel,
  podObject,
  serviceAccountUser,
} from '../../../test/harness/audit-events.js';
import type { AuditEvent } from '../audit/event.js';
import { rule as ephemeralContainer } from './ephemeral-container.js';
import { rule as hostNamespaces } from './host-namespaces.js';
import { rule as kubeSystemNewContainer } from './kube-system-new-container.js';
import { rule as minerImage } from './miner-image.js';
import { rule as privilegedContainer } from './privileged-container.js';
import { rule as sensitiveHostMount } from './sensitive-host-mount.js';

const alice = { username: 'alice', groups: ['system:authenticated'] };
const privileged = { securityContext: { privileged: true } };

/** A CronJob whose job template runs `podObject`'s spec. */
function cronJobObject(name: string, namespace: string, spec: Record<string, unknown>) {
  const pod = podObject(name, namespace, {}, {});
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: { spec: { ...(pod['spec'] as object), ...spec } } } },
    },
  };
}

/** `kubectl debug`: a strategic merge patch of pods/ephemeralcontainers, the pod in reply. */
function debugEvent(container: Record<string, unknown>, fields: Partial<AuditEvent> = {}) {
  const pod = podObject('web', 'shop', { ephemeralContainers: [container] });
  return auditEvent({
    verb: 'patch',
    user: alice,
    requestURI: '/api/v1/namespaces/shop/pods/web/ephemeralcontainers',
    objectRef: {
      resource: 'pods',
      subresource: 'ephemeralcontainers',
      namespace: 'shop',
      name: 'web',
      apiVersion: 'v1',
    },
    requestObject: { spec: { ephemeralContainers: [container] } },
    responseObject: pod,
    ...fields,
  });
}

describe('privileged-container', () => {
  it('fires on a Deployment with a privileged container', () => {
    const event = createEvent('deployments', deploymentObject('web', 'shop', {}, privileged), {
      user: alice,
    });
    expect(privilegedContainer.evaluate(event, noIntel)).toEqual({
      message:
        'Deployment shop/web created by alice with privileged container app (image registry.example/shop/web:1.4.2)',
      fields: { container: 'app', image: 'registry.example/shop/web:1.4.2' },
    });
  });

  it('fires on a privileged init container of a CronJob template', () => {
    const cron = cronJobObject('backup', 'ops', {
      initContainers: [
        { name: 'setup', image: 'busybox:1.36', securityContext: { privileged: true } },
      ],
    });
    const match = privilegedContainer.evaluate(
      createEvent('cronjobs', cron, { user: alice }),
      noIntel
    );
    expect(match?.message).toBe(
      'CronJob ops/backup created by alice with privileged init container setup (image busybox:1.36)'
    );
    expect(match?.fields).toEqual({ container: 'setup', image: 'busybox:1.36' });
  });

  it('fires on a patch whose response is privileged', () => {
    const event = auditEvent({
      verb: 'patch',
      user: alice,
      objectRef: { resource: 'daemonsets', namespace: 'ops', name: 'agent', apiGroup: 'apps' },
      requestObject: {
        spec: {
          template: {
            spec: { containers: [{ name: 'app', securityContext: { privileged: true } }] },
          },
        },
      },
      responseObject: { ...deploymentObject('agent', 'ops', {}, privileged), kind: 'DaemonSet' },
    });
    expect(privilegedContainer.evaluate(event, noIntel)?.message).toBe(
      'DaemonSet ops/agent patched by alice with privileged container app (image registry.example/shop/web:1.4.2)'
    );
  });

  it('fires on a Windows HostProcess pod', () => {
    const pod = podObject('win', 'shop', {
      securityContext: {
        windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' },
      },
    });
    expect(privilegedContainer.evaluate(createEvent('pods', pod), noIntel)?.fields).toEqual({
      container: 'app',
      image: 'registry.example/shop/web:1.4.2',
    });
  });

  it('fires on a privileged debug container, not on the pod it joins', () => {
    const event = debugEvent({
      name: 'debugger',
      image: 'busybox:1.36',
      securityContext: { privileged: true },
    });
    expect(privilegedContainer.evaluate(event, noIntel)?.message).toBe(
      'Pod shop/web patched by alice with privileged ephemeral container debugger (image busybox:1.36)'
    );
    const plainDebugger = debugEvent({ name: 'debugger', image: 'busybox:1.36' });
    const privilegedPod = podObject(
      'web',
      'shop',
      { ephemeralContainers: [{ name: 'debugger' }] },
      privileged
    );
    expect(
      privilegedContainer.evaluate({ ...plainDebugger, responseObject: privilegedPod }, noIntel)
    ).toBeUndefined();
  });

  it('stays quiet on an unprivileged pod', () => {
    const pod = podObject(
      'web',
      'shop',
      {},
      { securityContext: { privileged: false, runAsNonRoot: true } }
    );
    expect(privilegedContainer.evaluate(createEvent('pods', pod), noIntel)).toBeUndefined();
  });

  it('stays quiet on the replicas a controller creates and on mirror pods', () => {
    const pod = podObject('web-7d9c8b6f5-x2x4k', 'shop', {}, privileged);
    const replica = createEvent('pods', pod, {
      user: serviceAccountUser('kube-system', 'replicaset-controller'),
    });
    expect(privilegedContainer.evaluate(replica, noIntel)).toBeUndefined();
    const mirror = createEvent(
      'pods',
      podObject('kube-proxy-ip-10-0-1-7', 'kube-system', {}, privileged),
      {
        user: { username: 'system:node:ip-10-0-1-7.ec2.internal', groups: ['system:nodes'] },
      }
    );
    expect(privilegedContainer.evaluate(mirror, noIntel)).toBeUndefined();
  });

  it('still fires when someone impersonates a controller', () => {
    const event = createEvent('pods', podObject('web', 'shop', {}, privileged), {
      impersonatedUser: { username: 'system:serviceaccount:kube-system:replicaset-controller' },
    });
    expect(privilegedContainer.evaluate(event, noIntel)?.message).toContain(
      'created by system:serviceaccount:kube-system:replicaset-controller (impersonated by arn:aws:sts::111122223333:assumed-role/Admin/alice)'
    );
  });

  it('stays quiet on a refused request and a dry run', () => {
    const pod = podObject('web', 'shop', {}, privileged);
    const forbidden = createEvent('pods', pod, {
      responseStatus: { code: 403, status: 'Failure', reason: 'Forbidden' },
      responseObject: { kind: 'Status', code: 403 },
    });
    expect(privilegedContainer.evaluate(forbidden, noIntel)).toBeUndefined();
    const dryRun = createEvent('pods', pod, {
      requestURI: '/api/v1/namespaces/shop/pods?dryRun=All',
    });
    expect(privilegedContainer.evaluate(dryRun, noIntel)).toBeUndefined();
  });

  it('cannot judge a JSON patch without a response body', () => {
    const event = auditEvent({
      verb: 'patch',
      objectRef: { resource: 'deployments', namespace: 'shop', name: 'web', apiGroup: 'apps' },
      requestObject: [
        {
          op: 'add',
          path: '/spec/template/spec/containers/0/securityContext',
          value: { privileged: true },
        },
      ],
      responseObject: undefined,
    });
    expect(privilegedContainer.evaluate(event, noIntel)).toBeUndefined();
  });
});

describe('sensitive-host-mount', () => {
  const dockerSocket = {
    volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }],
  };
  const mounting = { volumeMounts: [{ name: 'docker', mountPath: '/var/run/docker.sock' }] };

  it('fires on a pod mounting the Docker socket', () => {
    const event = createEvent('pods', podObject('builder', 'ci', dockerSocket, mounting), {
      user: alice,
    });
    expect(sensitiveHostMount.evaluate(event, noIntel)).toEqual({
      message:
        'Pod ci/builder created by alice mounting host path /var/run/docker.sock (volume docker, in container app)',
      fields: { hostPath: '/var/run/docker.sock', volume: 'docker' },
    });
  });

  it('fires on / and on a path that climbs back to /etc', () => {
    const spec = {
      volumes: [
        { name: 'root', hostPath: { path: '/' } },
        { name: 'sneaky', hostPath: { path: '/data/../etc/kubernetes/' } },
      ],
    };
    const match = sensitiveHostMount.evaluate(
      createEvent('deployments', deploymentObject('x', 'shop', spec), { user: alice }),
      noIntel
    );
    expect(match?.message).toBe(
      'Deployment shop/x created by alice mounting host path / (volume root, holds /proc, not mounted yet); /etc/kubernetes (volume sneaky, not mounted yet)'
    );
    expect(match?.fields).toEqual({ hostPath: '/, /etc/kubernetes', volume: 'root, sneaky' });
  });

  it('fires on a PersistentVolume of a sensitive host path', () => {
    const volume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'kubelet' },
      spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/var/lib/kubelet/pki' } },
    };
    const match = sensitiveHostMount.evaluate(
      createEvent('persistentvolumes', volume, { user: alice }),
      noIntel
    );
    expect(match).toEqual({
      message: 'PersistentVolume kubelet created by alice for host path /var/lib/kubelet/pki',
      fields: { hostPath: '/var/lib/kubelet/pki' },
    });
  });

  it('stays quiet when the volume binder binds that PersistentVolume', () => {
    const volume = {
      kind: 'PersistentVolume',
      metadata: { name: 'kubelet' },
      spec: {
        hostPath: { path: '/var/lib/kubelet' },
        claimRef: { namespace: 'shop', name: 'data' },
      },
    };
    const event = createEvent('persistentvolumes', volume, {
      verb: 'update',
      responseStatus: { code: 200 },
      user: serviceAccountUser('kube-system', 'persistent-volume-binder'),
    });
    expect(sensitiveHostMount.evaluate(event, noIntel)).toBeUndefined();
  });

  it('stays quiet on a log shipper reading /var/log and on ordinary volumes', () => {
    const spec = {
      volumes: [
        { name: 'logs', hostPath: { path: '/var/log/' } },
        { name: 'cache', emptyDir: {} },
      ],
    };
    const container = { volumeMounts: [{ name: 'logs', mountPath: '/var/log', readOnly: true }] };
    const event = createEvent('daemonsets', {
      ...deploymentObject('fluent-bit', 'logging', spec, container),
      kind: 'DaemonSet',
    });
    expect(sensitiveHostMount.evaluate(event, noIntel)).toBeUndefined();
  });

  it('stays quiet on the DaemonSet controller creating the pods', () => {
    const event = createEvent('pods', podObject('builder-x2x4k', 'ci', dockerSocket, mounting), {
      user: serviceAccountUser('kube-system', 'daemon-set-controller'),
    });
    expect(sensitiveHostMount.evaluate(event, noIntel)).toBeUndefined();
  });
});

describe('host-namespaces', () => {
  it('fires on a pod asking for the host PID and network namespaces', () => {
    const event = createEvent(
      'pods',
      podObject('nsenter', 'default', { hostPID: true, hostNetwork: true }),
      {
        user: alice,
      }
    );
    expect(hostNamespaces.evaluate(event, noIntel)).toEqual({
      message:
        "Pod default/nsenter created by alice sharing the node's namespaces: hostNetwork, hostPID",
      fields: { namespaces: 'hostNetwork, hostPID', image: 'registry.example/shop/web:1.4.2' },
    });
  });

  it('stays quiet when the flags are false or strings', () => {
    const event = createEvent(
      'pods',
      podObject('web', 'shop', { hostNetwork: false, hostIPC: 'true' })
    );
    expect(hostNamespaces.evaluate(event, noIntel)).toBeUndefined();
  });

  it('stays quiet on a failed request', () => {
    const event = createEvent('pods', podObject('nsenter', 'default', { hostIPC: true }), {
      responseStatus: { code: 422, reason: 'Invalid' },
    });
    expect(hostNamespaces.evaluate(event, noIntel)).toBeUndefined();
  });
});

describe('kube-system-new-container', () => {
  it('fires on a person creating a DaemonSet in kube-system', () => {
    const object = { ...deploymentObject('kube-proxy-helper', 'kube-system'), kind: 'DaemonSet' };
    const event = createEvent('daemonsets', object, { user: alice });
    expect(kubeSystemNewContainer.evaluate(event, noIntel)).toEqual({
      message:
        'DaemonSet kube-system/kube-proxy-helper created by alice in system namespace kube-system (image registry.example/shop/web:1.4.2)',
      fields: { namespace: 'kube-system', image: 'registry.example/shop/web:1.4.2' },
    });
  });

  it('fires without a body when the policy logged only metadata', () => {
    const event = createEvent('pods', podObject('x', 'kube-public'), {
      level: 'Metadata',
      requestObject: undefined,
      responseObject: undefined,
      user: serviceAccountUser('ci', 'deployer'),
    });
    expect(kubeSystemNewContainer.evaluate(event, noIntel)).toEqual({
      message:
        'Pod kube-public/x created by system:serviceaccount:ci:deployer in system namespace kube-public',
      fields: { namespace: 'kube-public' },
    });
  });

  it('stays quiet on the add-on manager, controllers and other namespaces', () => {
    const coredns = deploymentObject('coredns', 'kube-system');
    const addon = createEvent('deployments', coredns, {
      user: { username: 'eks:addon-manager', groups: [] },
    });
    expect(kubeSystemNewContainer.evaluate(addon, noIntel)).toBeUndefined();
    const replica = createEvent('pods', podObject('coredns-5d8f9c-x2x4k', 'kube-system'), {
      user: serviceAccountUser('kube-system', 'replicaset-controller'),
    });
    expect(kubeSystemNewContainer.evaluate(replica, noIntel)).toBeUndefined();
    const shop = createEvent('deployments', deploymentObject('web', 'shop'), { user: alice });
    expect(kubeSystemNewContainer.evaluate(shop, noIntel)).toBeUndefined();
  });

  it('stays quiet on an update of an existing workload', () => {
    const event = createEvent('deployments', deploymentObject('coredns', 'kube-system'), {
      verb: 'update',
      responseStatus: { code: 200 },
    });
    expect(kubeSystemNewContainer.evaluate(event, noIntel)).toBeUndefined();
  });
});

describe('miner-image', () => {
  const intel = { intel: intelOf({ miners: ['xmrig/xmrig'] }) };

  it('fires on a workload running a listed miner image', () => {
    const event = createEvent(
      'deployments',
      deploymentObject('web', 'shop', {}, { image: 'docker.io/xmrig/xmrig:6.21.0' }),
      {
        user: alice,
      }
    );
    expect(minerImage.evaluate(event, intel)).toEqual({
      message:
        'Deployment shop/web created by alice with a known miner image: container app (image docker.io/xmrig/xmrig:6.21.0, listed as xmrig/xmrig)',
      fields: { container: 'app', image: 'docker.io/xmrig/xmrig:6.21.0', listEntry: 'xmrig/xmrig' },
    });
  });

  it('fires on a miner in an ephemeral container', () => {
    const event = debugEvent({ name: 'dbg', image: 'xmrig/xmrig:latest' });
    expect(minerImage.evaluate(event, intel)?.fields).toEqual({
      container: 'dbg',
      image: 'xmrig/xmrig:latest',
      listEntry: 'xmrig/xmrig',
    });
  });

  it('stays quiet on unlisted images and with no intelligence loaded', () => {
    const listed = createEvent(
      'pods',
      podObject('web', 'shop', {}, { image: 'xmrig/xmrig:latest' })
    );
    expect(minerImage.evaluate(listed, noIntel)).toBeUndefined();
    expect(
      minerImage.evaluate(createEvent('pods', podObject('web', 'shop')), intel)
    ).toBeUndefined();
  });
});

describe('ephemeral-container', () => {
  it('fires on kubectl debug and names the added container', () => {
    const event = debugEvent({
      name: 'debugger-x7',
      image: 'busybox:1.36',
      targetContainerName: 'app',
    });
    expect(ephemeralContainer.evaluate(event, noIntel)).toEqual({
      message:
        'Pod shop/web patched by alice to add ephemeral container debugger-x7 (image busybox:1.36)',
      fields: { container: 'debugger-x7', image: 'busybox:1.36' },
    });
  });

  it('still fires on a JSON patch with no body logged', () => {
    const event = debugEvent(
      { name: 'x' },
      {
        requestObject: [{ op: 'add', path: '/spec/ephemeralContainers/-', value: { name: 'x' } }],
        responseObject: undefined,
      }
    );
    expect(ephemeralContainer.evaluate(event, noIntel)).toEqual({
      message:
        'Pod shop/web patched by alice to add an ephemeral container (not in the logged body)',
      fields: {},
    });
  });

  it('stays quiet on a refused debug attempt', () => {
    const event = debugEvent({ name: 'x', image: 'busybox' }, { responseStatus: { code: 403 } });
    expect(ephemeralContainer.evaluate(event, noIntel)).toBeUndefined();
  });
});
