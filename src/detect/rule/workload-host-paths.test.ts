import { describe, expect, it } from 'vitest';
import {
  normaliseHostPath,
  sensitiveHostPath,
  sensitiveMountsOf,
  hostPathOf,
} from './workload-host-paths.js';

describe('normaliseHostPath', () => {
  it('resolves dot-dot, doubled and trailing slashes', () => {
    expect(normaliseHostPath('/var/log/../../etc/')).toBe('/etc');
    expect(normaliseHostPath('//var//run/docker.sock')).toBe('/var/run/docker.sock');
    expect(normaliseHostPath('/../..')).toBe('/');
    expect(normaliseHostPath(' /proc/ ')).toBe('/proc');
  });
});

describe('sensitiveHostPath', () => {
  it('finds listed paths and paths under them', () => {
    expect(sensitiveHostPath('/etc/kubernetes/manifests', false)).toBe('/etc');
    expect(sensitiveHostPath('/var/lib/kubelet/pki/', false)).toBe('/var/lib/kubelet');
    expect(sensitiveHostPath('/run/containerd/containerd.sock', false)).toBe('/run/containerd');
    expect(sensitiveHostPath('/var/run/docker.sock', false)).toBe('/var/run/docker.sock');
  });

  it('finds directories above a listed path', () => {
    expect(sensitiveHostPath('/', false)).toBe('/proc');
    expect(sensitiveHostPath('/var', false)).toBe('/var/lib/kubelet');
    expect(sensitiveHostPath('/run', false)).toBe('/run/docker.sock');
  });

  it('matches at a slash boundary only', () => {
    expect(sensitiveHostPath('/etcetera', true)).toBeUndefined();
    expect(sensitiveHostPath('/var/lib/kubelet-plugins', true)).toBeUndefined();
    expect(sensitiveHostPath('/data/../etc', false)).toBe('/etc');
  });

  it('counts /var/log only when writable', () => {
    expect(sensitiveHostPath('/var/log', false)).toBeUndefined();
    expect(sensitiveHostPath('/var/log/pods', true)).toBe('/var/log');
  });

  it('leaves ordinary paths alone', () => {
    expect(sensitiveHostPath('/mnt/data', true)).toBeUndefined();
    expect(sensitiveHostPath('/var/lib/docker/containers', true)).toBeUndefined();
  });
});

describe('sensitiveMountsOf', () => {
  const logShipper = {
    containers: [
      { name: 'shipper', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] },
    ],
    volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
  };

  it('passes a read-only /var/log', () => {
    expect(sensitiveMountsOf(logShipper)).toEqual([]);
  });

  it('reports a writable /var/log and who mounts it', () => {
    const writable = {
      ...logShipper,
      initContainers: [{ name: 'prep', volumeMounts: [{ name: 'logs', mountPath: '/l' }] }],
    };
    expect(sensitiveMountsOf(writable)).toEqual([
      {
        volume: 'logs',
        hostPath: '/var/log',
        sensitive: '/var/log',
        mountedBy: ['container shipper', 'init container prep'],
      },
    ]);
  });

  it('reports a sensitive volume no container mounts yet', () => {
    const spec = {
      containers: [],
      volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }],
    };
    expect(sensitiveMountsOf(spec)).toEqual([
      {
        volume: 'sock',
        hostPath: '/var/run/docker.sock',
        sensitive: '/var/run/docker.sock',
        mountedBy: [],
      },
    ]);
  });

  it('ignores other volume types and strange shapes', () => {
    expect(sensitiveMountsOf({ volumes: [{ name: 'tmp', emptyDir: {} }, 'x', null] })).toEqual([]);
    expect(sensitiveMountsOf({ volumes: [{ name: 'h', hostPath: { path: 7 } }] })).toEqual([]);
    expect(sensitiveMountsOf({ volumes: 'nope' })).toEqual([]);
  });
});

describe('hostPathOf', () => {
  it('reads hostPath and local sources', () => {
    expect(hostPathOf({ hostPath: { path: '/etc' } })).toBe('/etc');
    expect(hostPathOf({ local: { path: '/mnt/disks/ssd0' } })).toBe('/mnt/disks/ssd0');
    expect(hostPathOf({ hostPath: { path: '  ' } })).toBeUndefined();
    expect(hostPathOf({ nfs: { path: '/etc' } })).toBeUndefined();
  });
});
