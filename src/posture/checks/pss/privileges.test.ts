import { describe, expect, it } from 'vitest';
import { cronJob, pod, podSpec } from '../../../../test/harness/kube-objects.js';
import { check as allowPrivilegeEscalation } from './allow-privilege-escalation.js';
import { check as capabilitiesBaseline } from './capabilities-baseline.js';
import { check as capabilitiesRestricted } from './capabilities-restricted.js';
import { check as privileged } from './privileged.js';
import { verdictOf } from './testing/judge.js';

const restrictedContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

describe('pss-privileged', () => {
  it('passes containers with no securityContext at all', () => {
    expect(verdictOf(privileged, pod('plain'))).toMatchObject({
      status: 'pass',
      reason: 'no container sets securityContext.privileged to true',
    });
  });

  it('finds a privileged ephemeral container', () => {
    const spec = podSpec({
      ephemeralContainers: [{ name: 'debug', securityContext: { privileged: true } }],
    });
    expect(verdictOf(privileged, pod('debugged', spec))).toMatchObject({
      status: 'fail',
      reason: 'ephemeralContainers[debug]: securityContext.privileged is true',
    });
  });
});

describe('pss-capabilities-baseline', () => {
  it('passes an empty add list and a drop-only container', () => {
    const spec = podSpec({}, { securityContext: { capabilities: { add: [], drop: ['ALL'] } } });
    expect(verdictOf(capabilitiesBaseline, pod('empty', spec)).status).toBe('pass');
  });

  it('compares names exactly as the API carries them (CAP_ prefixes are not in the set)', () => {
    const spec = podSpec({}, { securityContext: { capabilities: { add: ['CAP_CHOWN'] } } });
    expect(verdictOf(capabilitiesBaseline, pod('prefixed', spec)).reason).toBe(
      'container app: securityContext.capabilities.add has CAP_CHOWN (not in the baseline set)'
    );
  });

  it('names an init container that adds SYS_ADMIN', () => {
    const spec = podSpec({
      initContainers: [
        { name: 'setup', securityContext: { capabilities: { add: ['SYS_ADMIN', 'KILL'] } } },
      ],
    });
    expect(verdictOf(capabilitiesBaseline, pod('init', spec)).reason).toBe(
      'initContainers[setup]: securityContext.capabilities.add has SYS_ADMIN (not in the baseline set)'
    );
  });
});

describe('pss-capabilities-restricted', () => {
  it('fails a container without a securityContext: it drops nothing', () => {
    expect(verdictOf(capabilitiesRestricted, pod('plain')).reason).toBe(
      'container app: securityContext.capabilities.drop is unset (must include ALL)'
    );
  });

  it('fails an added capability other than NET_BIND_SERVICE even after drop ALL', () => {
    const spec = podSpec(
      {},
      { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] } } }
    );
    expect(verdictOf(capabilitiesRestricted, pod('chown', spec)).reason).toBe(
      'container app: securityContext.capabilities.add has CHOWN (only NET_BIND_SERVICE is allowed)'
    );
  });

  it('names both problems of one container and every container list', () => {
    const spec = podSpec(
      {
        initContainers: [{ name: 'setup', securityContext: restrictedContext }],
        ephemeralContainers: [{ name: 'debug' }],
      },
      { securityContext: { capabilities: { drop: [], add: ['NET_ADMIN'] } } }
    );
    expect(verdictOf(capabilitiesRestricted, cronJob('nightly', spec))).toMatchObject({
      status: 'fail',
      resource: { kind: 'CronJob', name: 'nightly' },
      reason:
        'container app: securityContext.capabilities.drop is unset (must include ALL); container app: securityContext.capabilities.add has NET_ADMIN (only NET_BIND_SERVICE is allowed); ephemeralContainers[debug]: securityContext.capabilities.drop is unset (must include ALL)',
    });
  });

  it('exempts Windows pods, saying so', () => {
    const spec = podSpec({ os: { name: 'windows' } });
    expect(verdictOf(capabilitiesRestricted, pod('win', spec))).toMatchObject({
      status: 'pass',
      reason: 'spec.os.name is windows: this rule does not apply to Windows pods',
    });
  });

  it('does not exempt a pod whose os is linux', () => {
    const spec = podSpec({ os: { name: 'linux' } });
    expect(verdictOf(capabilitiesRestricted, pod('linux', spec)).status).toBe('fail');
  });
});

describe('pss-allow-privilege-escalation', () => {
  it('fails an explicit true', () => {
    const spec = podSpec({}, { securityContext: { allowPrivilegeEscalation: true } });
    expect(verdictOf(allowPrivilegeEscalation, pod('escalates', spec)).reason).toBe(
      'container app: securityContext.allowPrivilegeEscalation is true'
    );
  });

  it('requires false on init and ephemeral containers as well', () => {
    const spec = podSpec(
      {
        initContainers: [{ name: 'setup' }],
        ephemeralContainers: [{ name: 'debug', securityContext: {} }],
      },
      { securityContext: restrictedContext }
    );
    expect(verdictOf(allowPrivilegeEscalation, pod('lists', spec)).reason).toBe(
      'initContainers[setup]: securityContext.allowPrivilegeEscalation is unset (must be false); ephemeralContainers[debug]: securityContext.allowPrivilegeEscalation is unset (must be false)'
    );
  });

  it('exempts Windows pods', () => {
    const spec = podSpec({ os: { name: 'windows' } }, { securityContext: {} });
    expect(verdictOf(allowPrivilegeEscalation, pod('win', spec)).status).toBe('pass');
  });

  it('satisfies CIS 4.2.5', () => {
    expect(allowPrivilegeEscalation.controls).toContainEqual({
      framework: 'cis-eks-1.8.0',
      id: '4.2.5',
    });
  });
});
