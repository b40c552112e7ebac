import { describe, expect, it } from 'vitest';
import { object, pod, podSpec, snapshot, workload } from '../../../test/harness/kube-objects.js';
import { workloadsOf } from './workloads.js';

const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;

function runningPod(name: string, owner: { kind: string; name: string }, imageId: string) {
  return object(
    'Pod',
    name,
    {
      metadata: { ownerReferences: [{ apiVersion: 'apps/v1', ...owner }] },
      spec: podSpec({}, { image: 'nginx:1.27' }),
      status: { containerStatuses: [{ name: 'app', imageID: imageId }] },
    },
    'shop'
  );
}

describe('workloadsOf', () => {
  it('lists the owner of each pod template with its images and the digests its pods run', () => {
    const deployment = workload('Deployment', 'web', podSpec({}, { image: 'nginx:1.27' }), 'shop');
    const replicaSet = object(
      'ReplicaSet',
      'web-5d8',
      {
        metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] },
        spec: { template: { spec: podSpec({}, { image: 'nginx:1.27' }) } },
      },
      'shop'
    );
    const found = workloadsOf(
      snapshot(
        deployment,
        replicaSet,
        runningPod(
          'web-5d8-a',
          { kind: 'ReplicaSet', name: 'web-5d8' },
          `docker.io/library/nginx@${digestB}`
        ),
        runningPod(
          'web-5d8-b',
          { kind: 'ReplicaSet', name: 'web-5d8' },
          `docker-pullable://nginx@${digestA}`
        ),
        runningPod('web-5d8-c', { kind: 'ReplicaSet', name: 'web-5d8' }, 'not a digest'),
        pod('debug', podSpec({ initContainers: [{ name: 'init', image: 'busybox' }] }), 'ops')
      )
    );
    expect(found).toEqual([
      {
        kind: 'Pod',
        namespace: 'ops',
        name: 'debug',
        images: [
          { container: 'app', image: 'registry.example/app:1.0', digests: [] },
          { container: 'init', image: 'busybox', digests: [] },
        ],
      },
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        images: [{ container: 'app', image: 'nginx:1.27', digests: [digestA, digestB] }],
      },
    ]);
  });

  it('keeps a pod whose owner is not in the snapshot as its own workload', () => {
    const orphan = runningPod('x-1', { kind: 'ReplicaSet', name: 'gone' }, digestA);
    expect(workloadsOf(snapshot(orphan))).toEqual([
      {
        kind: 'Pod',
        namespace: 'shop',
        name: 'x-1',
        images: [{ container: 'app', image: 'nginx:1.27', digests: [digestA] }],
      },
    ]);
  });
});
