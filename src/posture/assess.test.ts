import { describe, expect, it } from 'vitest';
import { object, pod, podSpec, snapshot, workload } from '../../test/harness/kube-objects.js';
import { assess } from './assess.js';
import type { Check } from './check/types.js';
import { podTemplates } from './kube/workloads.js';
import type { Exception } from './exceptions/types.js';

/** A check that fails every template whose pod uses the host network. */
const hostNetwork: Check = {
  id: 'test-host-network',
  title: 'Pods do not use the host network',
  severity: 'high',
  controls: [
    { framework: 'pss-baseline', id: 'hostNamespaces' },
    { framework: 'cis-eks-1.8.0', id: '4.2.4' },
  ],
  remediation: 'Remove hostNetwork: true.',
  run: (current) =>
    podTemplates(current).map((template) => ({
      status: template.spec.hostNetwork === true ? 'fail' : 'pass',
      resource: template.ref,
      reason:
        template.spec.hostNetwork === true
          ? 'spec.hostNetwork is true'
          : 'spec.hostNetwork is not set',
    })),
};

/** A control the data cannot decide. */
const manual: Check = {
  id: 'test-manual',
  title: 'Something a person must look at',
  severity: 'medium',
  controls: [{ framework: 'cis-eks-1.8.0', id: '4.10.1' }],
  remediation: 'Look.',
  run: () => [
    { status: 'manual', resource: { kind: 'Cluster', name: 'cluster' }, reason: 'evidence: none' },
  ],
};

const now = () => new Date('2026-06-01T00:00:00Z');

const cluster = snapshot(
  pod('plain'),
  pod('host', podSpec({ hostNetwork: true }), 'monitoring', { labels: { team: 'obs' } }),
  workload('DaemonSet', 'aws-node', podSpec({ hostNetwork: true }), 'kube-system'),
  workload('Deployment', 'api', podSpec({ hostNetwork: true }), 'shop'),
  object('Namespace', 'shop')
);

function run(exceptions: Exception[] = [], frameworks?: ('cis-eks-1.8.0' | 'pss-baseline')[]) {
  return assess(cluster, {
    checks: [hostNetwork, manual],
    exceptions,
    toolVersion: '9.9.9',
    now,
    ...(frameworks ? { frameworks } : {}),
  });
}

describe('assess', () => {
  it('reports every result, failures first, with the check’s controls and remediation', () => {
    const assessment = run();

    expect(assessment.results.map((result) => [result.status, result.resource.name])).toEqual([
      ['fail', 'aws-node'],
      ['fail', 'host'],
      ['fail', 'api'],
      ['manual', 'cluster'],
      ['pass', 'plain'],
    ]);
    expect(assessment.results[0]).toMatchObject({
      check: 'test-host-network',
      severity: 'high',
      controls: hostNetwork.controls,
      remediation: 'Remove hostNetwork: true.',
      reason: 'spec.hostNetwork is true',
    });
    expect(assessment).toMatchObject({
      schemaVersion: 1,
      source: 'test',
      createdAt: '2026-06-01T00:00:00.000Z',
    });
  });

  it('scores each control as passed over judged resources, and a framework as the mean of its controls', () => {
    const assessment = run();
    const cis = assessment.frameworks.find((framework) => framework.framework === 'cis-eks-1.8.0');

    expect(cis?.controls).toEqual([
      {
        id: '4.2.4',
        checks: ['test-host-network'],
        passed: 1,
        failed: 3,
        manual: 0,
        exempted: 0,
        score: 25,
      },
      { id: '4.10.1', checks: ['test-manual'], passed: 0, failed: 0, manual: 1, exempted: 0 },
    ]);
    // The manual control judged nothing: it is listed, and left out of the mean.
    expect(cis?.score).toBe(25);
  });

  it('turns a matching failure into exempted, with the exception’s reason and origin', () => {
    const exceptions: Exception[] = [
      {
        namespaces: ['kube-system'],
        kinds: ['DaemonSet'],
        names: ['aws-*'],
        reason: 'AWS runs it',
        origin: 'built-in: eks',
      },
      {
        checks: ['test-host-*'],
        labels: { team: 'obs' },
        reason: 'node exporter',
        origin: 'x.yaml#1',
      },
    ];

    const assessment = run(exceptions);
    const exempted = assessment.results.filter((result) => result.status === 'exempted');

    expect(exempted.map((result) => [result.resource.name, result.exemption])).toEqual([
      ['aws-node', { reason: 'AWS runs it', origin: 'built-in: eks' }],
      ['host', { reason: 'node exporter', origin: 'x.yaml#1' }],
    ]);
    const cis = assessment.frameworks.find((framework) => framework.framework === 'cis-eks-1.8.0');
    expect(cis?.controls[0]).toMatchObject({ passed: 1, failed: 1, exempted: 2, score: 50 });
  });

  it('does not apply an exception that does not match every dimension, or has expired', () => {
    const assessment = run([
      { namespaces: ['kube-system'], kinds: ['Deployment'], reason: 'wrong kind', origin: 'a#1' },
      {
        controls: ['cis-eks-1.8.0:4.2.*'],
        names: ['api'],
        reason: 'old',
        expires: '2026-01-01',
        origin: 'a#2',
      },
      { controls: ['pss-restricted:*'], reason: 'other framework', origin: 'a#3' },
    ]);

    expect(assessment.results.filter((result) => result.status === 'exempted')).toEqual([]);
    expect(assessment.notes).toEqual(['exception a#2 expired on 2026-01-01; it no longer applies']);
  });

  it('runs only the checks of the frameworks asked for, and carries the snapshot’s notes', () => {
    const assessment = assess(
      { ...cluster, notes: ['cannot list secrets: forbidden'] },
      {
        checks: [hostNetwork, manual],
        frameworks: ['pss-baseline'],
        exceptions: [],
        toolVersion: '1',
        now,
      }
    );

    expect(new Set(assessment.results.map((result) => result.check))).toEqual(
      new Set(['test-host-network'])
    );
    expect(assessment.frameworks.map((framework) => framework.framework)).toEqual(['pss-baseline']);
    expect(assessment.notes).toEqual(['cannot list secrets: forbidden']);
  });

  it('says once which pod templates could not be read', () => {
    const broken = snapshot(pod('typed', podSpec({ hostNetwork: 'yes' })), pod('fine'));

    const assessment = assess(broken, {
      checks: [hostNetwork],
      exceptions: [],
      toolVersion: '1',
      now,
    });

    expect(assessment.results.map((result) => result.resource.name)).toEqual(['fine']);
    expect(assessment.notes).toEqual([
      expect.stringMatching(/^Pod default\/typed: spec is malformed/),
    ]);
  });

  it('says which objects no check reads, so a misspelt kind is not a clean result', () => {
    const odd = snapshot(
      pod('fine'),
      object('Deploymnet', 'typo'),
      object('Certificate', 'tls'),
      object('Certificate', 'mtls')
    );

    const assessment = assess(odd, {
      checks: [hostNetwork],
      exceptions: [],
      toolVersion: '1',
      now,
    });

    expect(assessment.notes).toEqual([
      '3 object(s) of kinds no check reads, not assessed: Certificate (2), Deploymnet (1)',
    ]);
  });

  it('keeps each note the checks give once, after the snapshot’s own', () => {
    const noting = (id: string): Check => ({
      ...manual,
      id,
      notes: () => ['RoleBinding shop/x: subject r has unknown kind Robot; skipped'],
    });

    const assessment = assess(
      { ...cluster, notes: ['cannot list secrets: forbidden'] },
      { checks: [noting('a'), noting('b'), hostNetwork], exceptions: [], toolVersion: '1', now }
    );

    expect(assessment.notes).toEqual([
      'cannot list secrets: forbidden',
      'RoleBinding shop/x: subject r has unknown kind Robot; skipped',
    ]);
  });
});
