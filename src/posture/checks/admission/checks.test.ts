import { describe, expect, it } from 'vitest';
import { object, pod, snapshot } from '../../../../test/harness/kube-objects.js';
import { check } from './pod-security-labels.js';

function namespace(name: string, labels: Record<string, string>) {
  return object('Namespace', name, { metadata: { labels } });
}

describe('admission-pod-security-labels', () => {
  it('passes a namespace that enforces baseline or restricted, naming a pinned version', () => {
    const results = check.run(
      snapshot(
        namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
        namespace('legacy', {
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/enforce-version': 'v1.29',
        })
      )
    );

    expect(results.map(({ status, resource, reason }) => [status, resource.name, reason])).toEqual([
      ['pass', 'shop', 'pod-security.kubernetes.io/enforce is restricted'],
      ['pass', 'legacy', 'pod-security.kubernetes.io/enforce is baseline at version v1.29'],
    ]);
  });

  it('fails a namespace without the label, with privileged, or with a level PSA does not know', () => {
    const results = check.run(
      snapshot(
        namespace('open', { team: 'a' }),
        namespace('warned', {
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        }),
        namespace('wide', { 'pod-security.kubernetes.io/enforce': 'privileged' }),
        namespace('typo', { 'pod-security.kubernetes.io/enforce': 'Restricted' })
      )
    );

    expect(results.map(({ status, resource, reason }) => [status, resource.name, reason])).toEqual([
      [
        'fail',
        'open',
        'no pod-security.kubernetes.io/enforce label: the cluster default applies, privileged on EKS',
      ],
      [
        'fail',
        'warned',
        'no pod-security.kubernetes.io/enforce label: the cluster default applies, privileged on EKS (it only warn=restricted, audit=restricted, which admit every pod)',
      ],
      ['fail', 'wide', 'pod-security.kubernetes.io/enforce is privileged: every pod is admitted'],
      [
        'fail',
        'typo',
        'pod-security.kubernetes.io/enforce is "Restricted", not privileged, baseline or restricted',
      ],
    ]);
  });

  it('judges Namespace objects only: a manifest of workloads gives no result', () => {
    expect(check.run(snapshot(pod('web')))).toEqual([]);
  });
});
