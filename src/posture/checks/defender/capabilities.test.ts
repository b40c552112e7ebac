import { describe, expect, it } from 'vitest';
import {
  cronJob,
  pod,
  podSpec,
  snapshot,
  workload,
} from '../../../../test/harness/kube-objects.js';
import { capabilityName } from './capability-names.js';
import { check as leastCapabilities, leastCapabilitiesCheck } from './least-capabilities.js';
import { check as sysAdmin } from './sys-admin-capability.js';

const caps = (capabilities: object) => podSpec({}, { securityContext: { capabilities } });

describe('capabilityName', () => {
  it('reads every spelling of a capability as one name', () => {
    expect(
      ['SYS_ADMIN', 'CAP_SYS_ADMIN', 'cap_sys_admin', ' sys_admin '].map(capabilityName)
    ).toEqual(['SYS_ADMIN', 'SYS_ADMIN', 'SYS_ADMIN', 'SYS_ADMIN']);
  });
});

describe('defender-sys-admin-capability', () => {
  it('names the defender control', () => {
    expect(sysAdmin.controls).toEqual([
      {
        framework: 'defender',
        id: 'kubernetes-clusters-should-not-grant-capsysadmin-security-capabilities',
      },
    ]);
  });

  it('passes containers without added capabilities, or with harmless ones', () => {
    const results = snapshotResults(
      pod('plain'),
      workload('Deployment', 'web', caps({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] })),
      pod('empty', caps({ add: [] }))
    );
    expect(results.map(({ status }) => status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('fails SYS_ADMIN under any spelling, ALL, and privileged', () => {
    const spec = {
      containers: [
        { name: 'a', image: 'x', securityContext: { capabilities: { add: ['CAP_SYS_ADMIN'] } } },
        { name: 'b', image: 'x', securityContext: { capabilities: { add: ['all'] } } },
        { name: 'c', image: 'x', securityContext: { privileged: true } },
      ],
    };
    const [result] = sysAdmin.run(snapshot(cronJob('job', spec, 'ops')));
    expect(result).toEqual({
      status: 'fail',
      resource: { kind: 'CronJob', name: 'job', namespace: 'ops', apiVersion: 'batch/v1' },
      reason:
        'container a: securityContext.capabilities.add holds SYS_ADMIN; container b: securityContext.capabilities.add holds ALL (SYS_ADMIN included); container c: securityContext.privileged is true (every capability, SYS_ADMIN included)',
    });
  });

  it('passes Windows pods', () => {
    const [result] = sysAdmin.run(snapshot(pod('win', podSpec({ os: { name: 'Windows' } }))));
    expect(result?.status).toBe('pass');
  });

  function snapshotResults(...objects: Parameters<typeof snapshot>) {
    return sysAdmin.run(snapshot(...objects));
  }
});

describe('defender-least-capabilities', () => {
  it('names the defender control', () => {
    expect(leastCapabilities.controls.map(({ id }) => id)).toEqual([
      'least-privileged-linux-capabilities-should-be-enforced-for-containers',
    ]);
  });

  it('passes drop ALL with runtime-default capabilities added back', () => {
    const [result] = leastCapabilities.run(
      snapshot(
        workload(
          'Deployment',
          'web',
          caps({ drop: ['all'], add: ['CAP_NET_BIND_SERVICE', 'CHOWN'] })
        )
      )
    );
    expect(result).toMatchObject({
      status: 'pass',
      resource: { kind: 'Deployment', name: 'web' },
      reason: 'every container drops ALL capabilities and adds back only allowed ones',
    });
  });

  it('fails no drop, a drop without ALL, added dangerous capabilities and privileged', () => {
    const spec = {
      containers: [
        { name: 'a', image: 'x' },
        { name: 'b', image: 'x', securityContext: { capabilities: { drop: ['NET_RAW'] } } },
        {
          name: 'c',
          image: 'x',
          securityContext: {
            capabilities: { drop: ['ALL'], add: ['NET_ADMIN', 'SYS_PTRACE', 'NET_ADMIN'] },
          },
        },
      ],
      initContainers: [
        {
          name: 'd',
          image: 'x',
          securityContext: { privileged: true, capabilities: { drop: ['ALL'] } },
        },
      ],
    };
    const [result] = leastCapabilities.run(snapshot(cronJob('job', spec)));
    expect(result).toMatchObject({
      status: 'fail',
      resource: { kind: 'CronJob', name: 'job' },
      reason: [
        'container a: securityContext.capabilities.drop is not set (should hold ALL)',
        'container b: securityContext.capabilities.drop does not hold ALL',
        'container c: securityContext.capabilities.add holds NET_ADMIN, SYS_PTRACE (not in the allowed set)',
        'init container d: securityContext.privileged is true (every capability)',
      ].join('; '),
    });
  });

  it('takes a configured allowed set', () => {
    const strict = leastCapabilitiesCheck({ allowedAdd: ['NET_BIND_SERVICE'] });
    const loose = leastCapabilitiesCheck({ allowedAdd: ['cap_sys_ptrace'] });
    const target = snapshot(pod('p', caps({ drop: ['ALL'], add: ['CHOWN', 'SYS_PTRACE'] })));
    expect(strict.run(target)[0]).toMatchObject({
      status: 'fail',
      reason:
        'container app: securityContext.capabilities.add holds CHOWN, SYS_PTRACE (not in the allowed set)',
    });
    expect(loose.run(target)[0]).toMatchObject({
      status: 'fail',
      reason:
        'container app: securityContext.capabilities.add holds CHOWN (not in the allowed set)',
    });
    expect(strict.id).toBe('defender-least-capabilities');
  });
});
