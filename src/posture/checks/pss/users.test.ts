import { describe, expect, it } from 'vitest';
import { pod, podSpec, workload } from '../../../../test/harness/kube-objects.js';
import { check as runAsNonRoot } from './run-as-non-root.js';
import { check as runAsUser } from './run-as-user.js';
import { verdictOf } from './testing/judge.js';

describe('pss-run-as-non-root', () => {
  it('lets a pod-level true cover containers that do not set it', () => {
    const spec = podSpec({
      securityContext: { runAsNonRoot: true },
      initContainers: [{ name: 'setup' }],
      ephemeralContainers: [{ name: 'debug' }],
    });
    expect(verdictOf(runAsNonRoot, pod('covered', spec))).toMatchObject({
      status: 'pass',
      reason: 'runAsNonRoot is true for every container (from the pod or the container)',
    });
  });

  it('passes when every container sets true and the pod does not', () => {
    const spec = podSpec(
      { initContainers: [{ name: 'setup', securityContext: { runAsNonRoot: true } }] },
      { securityContext: { runAsNonRoot: true } }
    );
    expect(verdictOf(runAsNonRoot, pod('each', spec)).status).toBe('pass');
  });

  it('fails a container that overrides the pod with false', () => {
    const spec = podSpec(
      { securityContext: { runAsNonRoot: true } },
      { securityContext: { runAsNonRoot: false } }
    );
    expect(verdictOf(runAsNonRoot, pod('override', spec)).reason).toBe(
      'container app: securityContext.runAsNonRoot is false'
    );
  });

  it('fails a pod-level false even when the containers set true', () => {
    const spec = podSpec(
      { securityContext: { runAsNonRoot: false } },
      { securityContext: { runAsNonRoot: true } }
    );
    expect(verdictOf(runAsNonRoot, workload('Job', 'migrate', spec)).reason).toBe(
      'spec.template.spec.securityContext.runAsNonRoot is false'
    );
  });

  it('names an init container left uncovered', () => {
    const spec = podSpec(
      { initContainers: [{ name: 'setup' }] },
      { securityContext: { runAsNonRoot: true } }
    );
    expect(verdictOf(runAsNonRoot, pod('init', spec)).reason).toBe(
      'initContainers[setup]: securityContext.runAsNonRoot is unset and the pod does not set it to true'
    );
  });

  it('relaxes for hostUsers: false', () => {
    const spec = podSpec({ hostUsers: false }, { securityContext: { runAsNonRoot: false } });
    expect(verdictOf(runAsNonRoot, pod('userns', spec))).toMatchObject({
      status: 'pass',
      reason:
        'spec.hostUsers is false: the pod runs in its own user namespace, where this rule is relaxed',
    });
  });
});

describe('pss-run-as-user', () => {
  it('passes when no runAsUser is set at all', () => {
    expect(verdictOf(runAsUser, pod('plain')).status).toBe('pass');
  });

  it('fails a container that overrides a non-root pod with 0', () => {
    const spec = podSpec(
      {
        securityContext: { runAsUser: 1000 },
        ephemeralContainers: [{ name: 'debug', securityContext: { runAsUser: 0 } }],
      },
      { securityContext: { runAsUser: 0 } }
    );
    expect(verdictOf(runAsUser, pod('override', spec)).reason).toBe(
      'container app: securityContext.runAsUser is 0; ephemeralContainers[debug]: securityContext.runAsUser is 0'
    );
  });

  it('fails a pod-level 0 even when every container overrides it', () => {
    const spec = podSpec(
      { securityContext: { runAsUser: 0 } },
      { securityContext: { runAsUser: 1000 } }
    );
    expect(verdictOf(runAsUser, pod('root-pod', spec)).reason).toBe(
      'spec.securityContext.runAsUser is 0'
    );
  });

  it('relaxes for hostUsers: false', () => {
    const spec = podSpec({ hostUsers: false, securityContext: { runAsUser: 0 } });
    expect(verdictOf(runAsUser, pod('userns', spec)).status).toBe('pass');
  });
});
