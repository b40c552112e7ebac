import { describe, expect, it } from 'vitest';
import {
  cronJob,
  pod,
  podSpec,
  snapshot,
  workload,
} from '../../../../test/harness/kube-objects.js';
import type { Check } from '../../check/types.js';
import type { KubeObject } from '../../snapshot/types.js';
import { check as apparmor } from './apparmor-profile.js';
import { check as privilegeEscalation } from './privilege-escalation.js';
import { check as privileged } from './privileged.js';
import { check as readOnlyRoot } from './read-only-root-filesystem.js';
import { check as runAsNonRoot } from './run-as-non-root.js';

function run(check: Check, ...objects: KubeObject[]) {
  return check.run(snapshot(...objects));
}

/** A pod spec with `containers`, `initContainers` and `ephemeralContainers` given by context. */
function threeContainers(app: object, setup: object, debug: object) {
  return {
    containers: [{ name: 'app', image: 'a', securityContext: app }],
    initContainers: [{ name: 'setup', image: 'b', securityContext: setup }],
    ephemeralContainers: [{ name: 'debug', image: 'c', securityContext: debug }],
  };
}

const windows = { os: { name: 'windows' } };

describe('defender-privileged', () => {
  it('names only the defender control (PSS owns CIS 4.2.1)', () => {
    expect(privileged.controls).toEqual([
      { framework: 'defender', id: 'privileged-containers-should-be-avoided' },
    ]);
  });

  it('passes absent and false values', () => {
    const results = run(
      privileged,
      pod('plain'),
      workload('Deployment', 'web', podSpec({}, { securityContext: { privileged: false } }))
    );
    expect(results.map(({ status, resource }) => [status, resource.kind])).toEqual([
      ['pass', 'Pod'],
      ['pass', 'Deployment'],
    ]);
  });

  it('fails a CronJob template and names every privileged container of every list', () => {
    const [result] = run(
      privileged,
      cronJob('job', threeContainers({ privileged: true }, {}, { privileged: true }), 'ops')
    );
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'CronJob', name: 'job', namespace: 'ops', apiVersion: 'batch/v1' },
      reason:
        'container app: securityContext.privileged is true; ephemeral container debug: securityContext.privileged is true',
    });
  });
});

describe('defender-privilege-escalation', () => {
  it('names the defender control', () => {
    expect(privilegeEscalation.controls.map(({ id }) => id)).toEqual([
      'container-with-privilege-escalation-should-be-avoided',
    ]);
  });

  it('passes when every container sets false', () => {
    const spec = threeContainers(
      { allowPrivilegeEscalation: false },
      { allowPrivilegeEscalation: false },
      { allowPrivilegeEscalation: false }
    );
    const [result] = run(privilegeEscalation, workload('Deployment', 'web', spec));
    expect(result).toMatchObject({ status: 'pass', resource: { kind: 'Deployment', name: 'web' } });
  });

  it('fails unset (no securityContext at all) and explicit true', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'a' },
        { name: 'side', image: 'b', securityContext: { allowPrivilegeEscalation: true } },
      ],
    };
    const [result] = run(privilegeEscalation, cronJob('job', spec));
    expect(result).toMatchObject({
      status: 'fail',
      resource: { kind: 'CronJob', name: 'job' },
      reason:
        'container app: securityContext.allowPrivilegeEscalation is not set (escalation is allowed); container side: securityContext.allowPrivilegeEscalation is true',
    });
  });

  it('passes a Windows pod, where the field does not apply', () => {
    const [result] = run(privilegeEscalation, pod('win', podSpec(windows)));
    expect(result).toMatchObject({
      status: 'pass',
      reason: 'Windows pod (spec.os.name): allowPrivilegeEscalation does not apply',
    });
  });
});

describe('defender-read-only-root-filesystem', () => {
  it('names the defender control', () => {
    expect(readOnlyRoot.controls).toEqual([
      {
        framework: 'defender',
        id: 'immutable-read-only-root-filesystem-should-be-enforced-for-containers',
      },
    ]);
  });

  it('passes read-only containers', () => {
    const [result] = run(
      readOnlyRoot,
      cronJob('job', podSpec({}, { securityContext: { readOnlyRootFilesystem: true } }))
    );
    expect(result).toMatchObject({ status: 'pass', resource: { kind: 'CronJob' } });
  });

  it('fails false and unset, naming init containers too', () => {
    const spec = threeContainers(
      { readOnlyRootFilesystem: false },
      {},
      { readOnlyRootFilesystem: true }
    );
    const [result] = run(readOnlyRoot, workload('StatefulSet', 'db', spec, 'data'));
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'StatefulSet', name: 'db', namespace: 'data', apiVersion: 'apps/v1' },
      reason:
        'container app: securityContext.readOnlyRootFilesystem is false; init container setup: securityContext.readOnlyRootFilesystem is not set',
    });
  });
});

describe('defender-run-as-non-root', () => {
  it('names the defender control', () => {
    expect(runAsNonRoot.controls.map(({ framework }) => framework)).toEqual(['defender']);
  });

  it('passes pod-level runAsNonRoot, and a container-level non-zero runAsUser', () => {
    const results = run(
      runAsNonRoot,
      pod('a', podSpec({ securityContext: { runAsNonRoot: true } })),
      workload('Deployment', 'b', podSpec({}, { securityContext: { runAsUser: 1000 } }))
    );
    expect(results.map(({ status }) => status)).toEqual(['pass', 'pass']);
  });

  it('lets the container override the pod, both ways', () => {
    const results = run(
      runAsNonRoot,
      pod(
        'up',
        podSpec({ securityContext: { runAsUser: 0 } }, { securityContext: { runAsUser: 10001 } })
      ),
      pod(
        'down',
        podSpec(
          { securityContext: { runAsNonRoot: true } },
          { securityContext: { runAsNonRoot: false } }
        )
      )
    );
    expect(results.map(({ status, reason }) => [status, reason])).toEqual([
      ['pass', 'every container runs with runAsNonRoot: true or a non-zero runAsUser'],
      [
        'fail',
        'container app: securityContext.runAsNonRoot is false and no non-zero runAsUser is set',
      ],
    ]);
  });

  it('fails runAsUser 0 even beside runAsNonRoot, and nothing set at all', () => {
    const results = run(
      runAsNonRoot,
      cronJob('root', podSpec({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }), 'ops'),
      pod('silent')
    );
    expect(results).toEqual([
      {
        status: 'fail',
        resource: { kind: 'CronJob', name: 'root', namespace: 'ops', apiVersion: 'batch/v1' },
        reason:
          'container app: spec.jobTemplate.spec.template.spec.securityContext.runAsUser is 0 (root)',
      },
      {
        status: 'fail',
        resource: { kind: 'Pod', name: 'silent', namespace: 'default', apiVersion: 'v1' },
        reason:
          'container app: neither runAsNonRoot: true nor a non-zero runAsUser is set on the container or the pod (the image decides)',
      },
    ]);
  });
});

describe('defender-apparmor-profile', () => {
  it('names the defender control', () => {
    expect(apparmor.controls.map(({ id }) => id)).toEqual([
      'containers-should-only-use-allowed-apparmor-profiles',
    ]);
  });

  it('passes a pod-level RuntimeDefault field and per-container annotations', () => {
    const results = run(
      apparmor,
      pod('field', podSpec({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })),
      workload(
        'Deployment',
        'annotated',
        {
          containers: [
            { name: 'app', image: 'a' },
            { name: 'side', image: 'b' },
          ],
        },
        'shop',
        {
          annotations: {
            'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default',
            'container.apparmor.security.beta.kubernetes.io/side': 'localhost/k8s-side',
          },
        }
      ),
      pod(
        'local',
        podSpec(
          {},
          { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } } }
        )
      )
    );
    expect(results.map(({ status, resource }) => [status, resource.name])).toEqual([
      ['pass', 'field'],
      ['pass', 'annotated'],
      ['pass', 'local'],
    ]);
  });

  it('fails Unconfined in the field or annotation and unset profiles', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'a', securityContext: { appArmorProfile: { type: 'Unconfined' } } },
        { name: 'side', image: 'b' },
      ],
      initContainers: [{ name: 'setup', image: 'c' }],
    };
    const [result] = run(
      apparmor,
      workload('DaemonSet', 'agent', spec, 'ops', {
        annotations: { 'container.apparmor.security.beta.kubernetes.io/side': 'unconfined' },
      })
    );
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'DaemonSet', name: 'agent', namespace: 'ops', apiVersion: 'apps/v1' },
      reason:
        'container app: securityContext.appArmorProfile.type is Unconfined; container side: annotation container.apparmor.security.beta.kubernetes.io/side is unconfined; init container setup: no AppArmor profile is set (field or annotation)',
    });
  });

  it('prefers the container field over the pod field', () => {
    const [result] = run(
      apparmor,
      cronJob(
        'job',
        podSpec(
          { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } },
          { securityContext: { appArmorProfile: { type: 'Unconfined' } } }
        )
      )
    );
    expect(result).toMatchObject({
      status: 'fail',
      resource: { kind: 'CronJob', name: 'job' },
      reason: 'container app: securityContext.appArmorProfile.type is Unconfined',
    });
  });

  it('passes Windows pods', () => {
    const [result] = run(apparmor, pod('win', podSpec(windows)));
    expect(result).toMatchObject({
      status: 'pass',
      reason: 'Windows pod (spec.os.name): AppArmor does not apply',
    });
  });
});
