import { describe, expect, it } from 'vitest';
import {
  cronJob,
  object,
  pod,
  podSpec,
  snapshot,
  workload,
} from '../../../test/harness/kube-objects.js';
import { allContainers, podTemplates } from './workloads.js';

describe('podTemplates', () => {
  it('finds the pod spec of bare Pods and of every controller kind, at its path', () => {
    const templates = podTemplates(
      snapshot(
        pod('bare'),
        workload('Deployment', 'web', podSpec(), 'shop', { labels: { app: 'web' } }),
        workload('StatefulSet', 'db'),
        workload('DaemonSet', 'agent'),
        workload('Job', 'once'),
        cronJob('nightly'),
        object('Service', 'web')
      )
    );

    expect(
      templates.map((template) => [template.ref.kind, template.ref.name, template.path])
    ).toEqual([
      ['Pod', 'bare', 'spec'],
      ['Deployment', 'web', 'spec.template.spec'],
      ['StatefulSet', 'db', 'spec.template.spec'],
      ['DaemonSet', 'agent', 'spec.template.spec'],
      ['Job', 'once', 'spec.template.spec'],
      ['CronJob', 'nightly', 'spec.jobTemplate.spec.template.spec'],
    ]);
    expect(templates[1]?.labels).toEqual({ app: 'web' });
    expect(templates[1]?.ref.namespace).toBe('shop');
  });

  it('checks a controller once, not again through the ReplicaSet and Pods it owns', () => {
    const owned = (kind: string, name: string, owner: string) =>
      object(kind, name, {
        metadata: {
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: owner.split('/')[0], name: owner.split('/')[1] },
          ],
        },
        spec: kind === 'Pod' ? podSpec() : { template: { spec: podSpec() } },
      });

    const templates = podTemplates(
      snapshot(
        workload('Deployment', 'web'),
        owned('ReplicaSet', 'web-5d4f', 'Deployment/web'),
        owned('Pod', 'web-5d4f-x1', 'ReplicaSet/web-5d4f'),
        // Its owner is not in the snapshot: the Pod is all there is to check.
        owned('Pod', 'orphan', 'ReplicaSet/gone')
      )
    );

    expect(templates.map((template) => template.ref.name)).toEqual(['web', 'orphan']);
  });

  it('notes a template whose spec is missing or has the wrong types, and keeps the others', () => {
    const notes: string[] = [];

    const templates = podTemplates(
      snapshot(
        object('Deployment', 'empty', { spec: {} }),
        pod('typed', podSpec({ hostNetwork: 'yes' })),
        pod('fine')
      ),
      notes
    );

    expect(templates.map((template) => template.ref.name)).toEqual(['fine']);
    expect(notes).toEqual([
      'Deployment default/empty: no pod spec at spec.template.spec',
      expect.stringMatching(/^Pod default\/typed: spec is malformed: hostNetwork: /),
    ]);
  });
});

describe('allContainers', () => {
  it('lists regular, init and ephemeral containers with the list each is in', () => {
    const [template] = podTemplates(
      snapshot(
        pod(
          'p',
          podSpec({
            initContainers: [{ name: 'setup' }],
            ephemeralContainers: [{ name: 'debug' }],
          })
        )
      )
    );

    expect(
      allContainers(template!.spec).map(({ container, list }) => `${list}/${container.name}`)
    ).toEqual(['containers/app', 'initContainers/setup', 'ephemeralContainers/debug']);
  });
});
