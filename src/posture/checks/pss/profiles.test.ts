import { describe, expect, it } from 'vitest';
import { cronJob, pod, podSpec, workload } from '../../../../test/harness/kube-objects.js';
import { check as apparmor } from './apparmor.js';
import { check as procMount } from './proc-mount.js';
import { check as procMountRestricted } from './proc-mount-restricted.js';
import { check as seccompBaseline } from './seccomp-baseline.js';
import { check as seccompRestricted } from './seccomp-restricted.js';
import { check as selinux } from './selinux.js';
import { check as sysctls, safeSysctls } from './sysctls.js';
import { verdictOf } from './testing/judge.js';

describe('pss-apparmor', () => {
  it('passes a pod without profiles or annotations', () => {
    expect(verdictOf(apparmor, pod('plain')).status).toBe('pass');
  });

  it('passes an empty annotation value and ignores other annotations', () => {
    const object = pod('annotated', podSpec(), 'default', {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/app': '',
        'example.com/apparmor': 'unconfined',
      },
    });
    expect(verdictOf(apparmor, object).status).toBe('pass');
  });

  it('fails a pod-level Unconfined profile and a profile without a type', () => {
    const spec = podSpec(
      { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
      { securityContext: { appArmorProfile: {} } }
    );
    expect(verdictOf(apparmor, workload('StatefulSet', 'db', spec)).reason).toBe(
      'spec.template.spec.securityContext.appArmorProfile.type is Unconfined; container app: securityContext.appArmorProfile.type is unset'
    );
  });

  it('reads the annotations of a Deployment template, not of the Deployment', () => {
    const object = workload('Deployment', 'web', podSpec(), 'default', {
      annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost' },
    });
    expect(verdictOf(apparmor, object).reason).toBe(
      'annotation container.apparmor.security.beta.kubernetes.io/app is localhost'
    );
  });
});

describe('pss-selinux', () => {
  it('passes every container type and empty user and role', () => {
    for (const type of [
      'container_t',
      'container_init_t',
      'container_kvm_t',
      'container_engine_t',
      '',
    ]) {
      const spec = podSpec(
        {},
        { securityContext: { seLinuxOptions: { type, user: '', role: '' } } }
      );
      expect(verdictOf(selinux, pod('typed', spec)).status).toBe('pass');
    }
  });

  it('names a role on an init container and a type on an ephemeral one', () => {
    const spec = podSpec({
      initContainers: [
        { name: 'setup', securityContext: { seLinuxOptions: { role: 'sysadm_r' } } },
      ],
      ephemeralContainers: [
        { name: 'debug', securityContext: { seLinuxOptions: { type: 'unconfined_t' } } },
      ],
    });
    expect(verdictOf(selinux, pod('roles', spec)).reason).toBe(
      'initContainers[setup]: securityContext.seLinuxOptions.role is sysadm_r; ephemeralContainers[debug]: securityContext.seLinuxOptions.type is unconfined_t'
    );
  });
});

describe('pss-proc-mount', () => {
  it('relaxes for pods in a user namespace (hostUsers: false)', () => {
    const spec = podSpec({ hostUsers: false }, { securityContext: { procMount: 'Unmasked' } });
    expect(verdictOf(procMount, pod('userns', spec))).toMatchObject({
      status: 'pass',
      reason:
        'spec.hostUsers is false: the pod runs in its own user namespace, where this rule is relaxed',
    });
  });

  it('does not relax for hostUsers: true, and looks at init containers', () => {
    const spec = podSpec({
      hostUsers: true,
      initContainers: [{ name: 'setup', securityContext: { procMount: 'Unmasked' } }],
    });
    expect(verdictOf(procMount, pod('host-users', spec)).reason).toBe(
      'initContainers[setup]: securityContext.procMount is Unmasked'
    );
  });

  it('keeps the restricted procMount rule in a user namespace', () => {
    const spec = podSpec({ hostUsers: false }, { securityContext: { procMount: 'Unmasked' } });
    expect(verdictOf(procMountRestricted, pod('userns', spec)).status).toBe('fail');
    expect(verdictOf(procMountRestricted, pod('plain')).status).toBe('pass');
  });
});

describe('pss-seccomp-baseline', () => {
  it('passes Localhost and unset profiles', () => {
    const spec = podSpec(
      {},
      { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }
    );
    expect(verdictOf(seccompBaseline, pod('local', spec)).status).toBe('pass');
    expect(verdictOf(seccompBaseline, pod('plain')).status).toBe('pass');
  });

  it('fails an Unconfined ephemeral container', () => {
    const spec = podSpec({
      ephemeralContainers: [
        { name: 'debug', securityContext: { seccompProfile: { type: 'Unconfined' } } },
      ],
    });
    expect(verdictOf(seccompBaseline, pod('debug', spec)).reason).toBe(
      'ephemeralContainers[debug]: securityContext.seccompProfile.type is Unconfined'
    );
  });
});

describe('pss-seccomp-restricted', () => {
  it('passes when every container sets a profile and the pod sets none', () => {
    const spec = podSpec(
      {
        initContainers: [
          { name: 'setup', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
        ],
      },
      { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'a.json' } } }
    );
    expect(verdictOf(seccompRestricted, pod('each', spec)).status).toBe('pass');
  });

  it('fails a container that overrides a good pod profile with Unconfined', () => {
    const spec = podSpec(
      { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
      { securityContext: { seccompProfile: { type: 'Unconfined' } } }
    );
    expect(verdictOf(seccompRestricted, pod('override', spec)).reason).toBe(
      'container app: securityContext.seccompProfile.type is Unconfined'
    );
  });

  it('fails an Unconfined pod even when a container sets its own profile', () => {
    const spec = podSpec(
      {
        securityContext: { seccompProfile: { type: 'Unconfined' } },
        initContainers: [{ name: 'setup' }],
      },
      { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }
    );
    expect(verdictOf(seccompRestricted, cronJob('job', spec)).reason).toBe(
      'spec.jobTemplate.spec.template.spec.securityContext.seccompProfile.type is Unconfined; initContainers[setup]: securityContext.seccompProfile is unset and the pod sets no RuntimeDefault or Localhost profile'
    );
  });

  it('exempts Windows pods', () => {
    expect(
      verdictOf(seccompRestricted, pod('win', podSpec({ os: { name: 'windows' } }))).status
    ).toBe('pass');
  });
});

describe('pss-sysctls', () => {
  it('passes an empty sysctl list and every sysctl of the latest safe set', () => {
    expect(
      verdictOf(sysctls, pod('none', podSpec({ securityContext: { sysctls: [] } }))).status
    ).toBe('pass');
    const all = [...safeSysctls].map((name) => ({ name, value: '1' }));
    expect(safeSysctls.size).toBe(14);
    expect(
      verdictOf(sysctls, pod('all', podSpec({ securityContext: { sysctls: all } }))).status
    ).toBe('pass');
  });

  it('fails a sysctl only by exact name', () => {
    const spec = podSpec({
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies.extra' }] },
    });
    expect(verdictOf(sysctls, pod('near', spec)).reason).toBe(
      'spec.securityContext.sysctls has net.ipv4.tcp_syncookies.extra (not in the safe set)'
    );
  });
});
