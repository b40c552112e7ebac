import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  pod,
  podSpec,
  snapshot,
  workload,
} from '../../../../test/harness/kube-objects.js';
import { allowedPortsCheck, check as allowedPorts } from './allowed-ports.js';
import { check as hostPath, hostPathCheck } from './host-path.js';
import { imageRepository, underPrefix } from './image-references.js';
import { check as resourceLimits } from './resource-limits.js';
import { check as trustedRegistries, trustedRegistriesCheck } from './trusted-registries.js';

describe('imageRepository and underPrefix', () => {
  it('qualifies references the way a runtime does', () => {
    expect(
      [
        'nginx',
        'nginx:1.27',
        'bitnami/redis:7',
        'docker.io/nginx',
        'index.docker.io/library/nginx',
        'ghcr.io/Org/app@sha256:0123',
        'localhost:5000/app:1',
        'registry:5000/team/app',
        'localhost/app',
      ].map(imageRepository)
    ).toEqual([
      'docker.io/library/nginx',
      'docker.io/library/nginx',
      'docker.io/bitnami/redis',
      'docker.io/library/nginx',
      'docker.io/library/nginx',
      'ghcr.io/org/app',
      'localhost:5000/app',
      'registry:5000/team/app',
      'localhost/app',
    ]);
  });

  it('matches prefixes at a path boundary only', () => {
    expect(underPrefix('registry.example/app', 'registry.example')).toBe(true);
    expect(underPrefix('registry.example/app', 'Registry.Example/')).toBe(true);
    expect(underPrefix('registry.example.evil/app', 'registry.example')).toBe(false);
    expect(underPrefix('ghcr.io/org-evil/app', 'ghcr.io/org')).toBe(false);
    expect(underPrefix('ghcr.io/org/app', '')).toBe(false);
  });
});

describe('defender-trusted-registries', () => {
  it('names the defender control and CIS 5.1.4', () => {
    expect(trustedRegistries.controls).toEqual([
      {
        framework: 'defender',
        id: 'container-images-should-be-deployed-from-trusted-registries-only',
      },
      { framework: 'cis-eks-1.8.0', id: '5.1.4' },
    ]);
  });

  it('reports manual with the images seen when no registry is configured', () => {
    const results = trustedRegistries.run(
      snapshot(workload('Deployment', 'web', podSpec({}, { image: 'nginx:1.27' }), 'shop'))
    );
    expect(results).toEqual([
      {
        status: 'manual',
        resource: { kind: 'Deployment', name: 'web', namespace: 'shop', apiVersion: 'apps/v1' },
        reason: 'no trusted registries are configured; images: container app: nginx:1.27',
      },
    ]);
    expect(trustedRegistriesCheck({ registries: [] }).run(snapshot(pod('p')))[0]?.status).toBe(
      'manual'
    );
  });

  it('passes templates whose every image is under a configured prefix', () => {
    const check = trustedRegistriesCheck({
      registries: ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'docker.io/library'],
    });
    const spec = {
      containers: [
        { name: 'app', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:2' },
      ],
      initContainers: [{ name: 'wait', image: 'busybox:1.36' }],
    };
    const [result] = check.run(snapshot(cronJob('job', spec)));
    expect(result).toMatchObject({ status: 'pass', resource: { kind: 'CronJob', name: 'job' } });
  });

  it('fails images outside the list, naming the container, and reads ephemeral containers', () => {
    const check = trustedRegistriesCheck({ registries: ['registry.example'] });
    const spec = {
      containers: [{ name: 'app', image: 'registry.example/app:1' }],
      ephemeralContainers: [{ name: 'debug', image: 'registry.example.evil/shell' }],
    };
    const [result] = check.run(snapshot(pod('web', spec, 'shop')));
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'Pod', name: 'web', namespace: 'shop', apiVersion: 'v1' },
      reason:
        'ephemeral container debug: image registry.example.evil/shell is not from a trusted registry',
    });
  });

  it('reports a container without an image as manual unless another one fails', () => {
    const check = trustedRegistriesCheck({ registries: ['registry.example'] });
    const results = check.run(
      snapshot(
        workload('Deployment', 'a', { containers: [{ name: 'app' }] }),
        workload('Deployment', 'b', {
          containers: [{ name: 'app' }, { name: 'side', image: 'quay.io/x' }],
        })
      )
    );
    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      ['manual', 'container app: no image is set'],
      [
        'fail',
        'container side: image quay.io/x is not from a trusted registry; container app: no image is set',
      ],
    ]);
  });
});

describe('defender-allowed-ports', () => {
  const service = (name: string, spec: object) => object('Service', name, { spec }, 'shop');

  it('names the defender control', () => {
    expect(allowedPorts.controls.map(({ id }) => id)).toEqual([
      'services-should-listen-on-allowed-ports-only',
    ]);
  });

  it('reports manual with the ports seen when no list is configured, pass when none are declared', () => {
    const results = allowedPorts.run(
      snapshot(
        workload('Deployment', 'web', podSpec({}, { ports: [{ containerPort: 8080 }] }), 'shop'),
        pod('quiet', podSpec(), 'shop'),
        service('web', { ports: [{ name: 'http', port: 80, protocol: 'TCP' }] })
      )
    );
    expect(results.map(({ status, resource, reason }) => [status, resource.kind, reason])).toEqual([
      [
        'manual',
        'Deployment',
        'no allowed ports are configured; container ports: container app: containerPort 8080/TCP',
      ],
      ['pass', 'Pod', 'declares no container ports'],
      ['manual', 'Service', 'no allowed ports are configured; service ports: port http 80/TCP'],
    ]);
  });

  it('passes and fails templates and Services against a configured list', () => {
    const check = allowedPortsCheck({ ports: [80, 443, 8080] });
    const results = check.run(
      snapshot(
        workload('Deployment', 'web', podSpec({}, { ports: [{ containerPort: 8080 }] }), 'shop'),
        cronJob(
          'job',
          {
            containers: [
              { name: 'app', image: 'a', ports: [{ containerPort: 22, protocol: 'TCP' }] },
            ],
            initContainers: [{ name: 'init', image: 'b', ports: [{ name: 'no-number' }] }],
          },
          'shop'
        ),
        service('web', { ports: [{ port: 443 }] }),
        service('db', { ports: [{ port: 5432, protocol: 'TCP' }] }),
        service('external', { type: 'ExternalName', externalName: 'db.example' })
      )
    );
    expect(results.map(({ status, resource, reason }) => [status, resource.name, reason])).toEqual([
      [
        'pass',
        'web',
        'every one of its container ports is allowed: container app: containerPort 8080/TCP',
      ],
      ['fail', 'job', 'container app: containerPort 22/TCP is not an allowed port'],
      ['pass', 'web', 'every one of its service ports is allowed: port 443/TCP'],
      ['fail', 'db', 'port 5432/TCP is not an allowed port'],
      ['pass', 'external', 'declares no service ports'],
    ]);
  });

  it('reports a malformed Service as manual, naming the field', () => {
    const [result] = allowedPorts.run(snapshot(service('bad', { ports: [{ port: 'eighty' }] })));
    expect(result?.status).toBe('manual');
    expect(result?.reason).toContain('Service shop/bad: spec is malformed: ports.0.port');
  });
});

describe('defender-host-path', () => {
  const hostVolume = (path: string, readOnly?: boolean) =>
    podSpec(
      {
        volumes: [
          { name: 'host', hostPath: { path } },
          { name: 'scratch', emptyDir: {} },
        ],
      },
      {
        volumeMounts: [
          { name: 'host', mountPath: '/host', ...(readOnly === undefined ? {} : { readOnly }) },
        ],
      }
    );

  it('names the defender control', () => {
    expect(hostPath.controls.map(({ id }) => id)).toEqual([
      'usage-of-pod-hostpath-volume-mounts-should-be-restricted-to-a-known-list',
    ]);
  });

  it('passes templates without hostPath volumes and fails any hostPath by default', () => {
    const results = hostPath.run(
      snapshot(pod('plain'), workload('DaemonSet', 'agent', hostVolume('/var/log'), 'ops'))
    );
    expect(results).toEqual([
      {
        status: 'pass',
        resource: { kind: 'Pod', name: 'plain', namespace: 'default', apiVersion: 'v1' },
        reason: 'no hostPath volumes',
      },
      {
        status: 'fail',
        resource: { kind: 'DaemonSet', name: 'agent', namespace: 'ops', apiVersion: 'apps/v1' },
        reason: 'volume host: hostPath /var/log is not under an allowed path',
      },
    ]);
  });

  it('allows read-only mounts under a read-only prefix and refuses writable ones', () => {
    const check = hostPathCheck({ allowed: [{ pathPrefix: '/var/log/', readOnly: true }] });
    const results = check.run(
      snapshot(
        workload('DaemonSet', 'reader', hostVolume('/var/log/pods', true)),
        cronJob('writer', hostVolume('/var/log', false)),
        pod('sibling', hostVolume('/var/logger', true)),
        pod('escape', hostVolume('/var/log/../../etc', true))
      )
    );
    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      [
        'pass',
        'volume host: hostPath /var/log/pods is under an allowed path and mounted read-only',
      ],
      [
        'fail',
        'volume host: hostPath /var/log is allowed read-only, but container app mounts it writable at /host',
      ],
      ['fail', 'volume host: hostPath /var/logger is not under an allowed path'],
      ['fail', 'volume host: hostPath /var/log/../../etc is not under an allowed path'],
    ]);
  });

  it('allows writable mounts under a writable prefix', () => {
    const check = hostPathCheck({ allowed: [{ pathPrefix: '/run/app', readOnly: false }] });
    const [result] = check.run(snapshot(pod('p', hostVolume('/run/app/sock'))));
    expect(result).toMatchObject({
      status: 'pass',
      reason: 'volume host: hostPath /run/app/sock is under an allowed path',
    });
  });
});

describe('defender-resource-limits', () => {
  it('names the defender control', () => {
    expect(resourceLimits.controls.map(({ id }) => id)).toEqual([
      'container-cpu-and-memory-limits-should-be-enforced',
    ]);
  });

  it('passes containers and init containers with both limits, ignoring ephemeral containers', () => {
    const limits = { resources: { limits: { cpu: '500m', memory: '256Mi' } } };
    const spec = {
      containers: [{ name: 'app', image: 'a', ...limits }],
      initContainers: [
        { name: 'init', image: 'b', resources: { limits: { cpu: 1, memory: '64Mi' } } },
      ],
      ephemeralContainers: [{ name: 'debug', image: 'c' }],
    };
    const [result] = resourceLimits.run(snapshot(cronJob('job', spec)));
    expect(result).toMatchObject({ status: 'pass', resource: { kind: 'CronJob', name: 'job' } });
  });

  it('fails missing limits, a missing resources block and zero quantities', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'a', resources: { limits: { cpu: '0', memory: '128Mi' } } },
        { name: 'side', image: 'b' },
      ],
      initContainers: [{ name: 'init', image: 'c', resources: { requests: { cpu: '1' } } }],
    };
    const [result] = resourceLimits.run(snapshot(workload('Deployment', 'web', spec, 'shop')));
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'Deployment', name: 'web', namespace: 'shop', apiVersion: 'apps/v1' },
      reason: [
        'container app: resources.limits.cpu is 0 (no limit)',
        'container side: resources.limits.cpu is not set',
        'container side: resources.limits.memory is not set',
        'init container init: resources.limits.cpu is not set',
        'init container init: resources.limits.memory is not set',
      ].join('; '),
    });
  });
});
