import { describe, expect, it } from 'vitest';
import type { ComplianceInputs } from './types.js';
import { buildComplianceView } from './view.js';

const tally = (check: string, passed: number, failed: number, manual = 0, exempted = 0) => ({
  check,
  severity: 'high',
  passed,
  failed,
  manual,
  exempted,
});

const inputs: ComplianceInputs = {
  clusters: [
    { id: 'c1', name: 'prod' },
    { id: 'c2', name: 'lab' },
    { id: 'c3', name: 'new' },
  ],
  runs: [
    {
      clusterId: 'c1',
      finishedAt: '2025-01-01T00:00:00.000Z',
      frameworks: [
        {
          framework: 'pss-baseline',
          score: 50,
          controls: [
            { id: 'privileged', checks: ['pss-privileged'] },
            { id: 'host-namespaces', checks: ['pss-host-namespaces', 'pss-host-ports'] },
          ],
        },
        {
          framework: 'cis-eks-1.8.0',
          controls: [
            { id: '4.2.10', checks: ['pss-privileged'] },
            { id: '4.2.9', checks: ['label-check'] },
            { id: '3.1.1', checks: ['kubelet-file'] },
          ],
        },
        'not a framework',
      ],
      checks: [
        tally('pss-privileged', 3, 2),
        tally('pss-host-namespaces', 4, 0),
        tally('pss-host-ports', 1, 1),
        tally('label-check', 0, 0, 2, 1),
      ],
    },
    {
      clusterId: 'c2',
      finishedAt: '2025-01-02T00:00:00.000Z',
      frameworks: [{ framework: 'pss-baseline', controls: [{ id: 'privileged', checks: [] }] }],
      checks: [tally('pss-privileged', 0, 1)],
    },
  ],
  covered: [
    { clusterId: 'c1', check: 'pss-privileged', count: 2 },
    // More than the run failed (a row the run did not judge): bounded by the run's failures.
    { clusterId: 'c2', check: 'pss-privileged', count: 5 },
  ],
  definitions: new Map([
    [
      'pss-privileged',
      { title: 'Containers are not privileged', severity: 'critical', remediation: 'Drop it.' },
    ],
    ['pss-host-ports', { title: 'No host ports', severity: 'high', remediation: 'Remove them.' }],
  ]),
  frameworkTitles: { 'pss-baseline': 'Pod Security Standards: baseline' },
};

describe('buildComplianceView', () => {
  it('counts each control over its checks and clusters, exemptions taken out of the failures', () => {
    const view = buildComplianceView(inputs);
    expect(view.clusters).toEqual([
      { id: 'c1', name: 'prod', assessedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'c2', name: 'lab', assessedAt: '2025-01-02T00:00:00.000Z' },
      { id: 'c3', name: 'new' },
    ]);
    expect(view.frameworks.map((framework) => [framework.id, framework.title])).toEqual([
      ['cis-eks-1.8.0', 'cis-eks-1.8.0'],
      ['pss-baseline', 'Pod Security Standards: baseline'],
    ]);
    const pss = view.frameworks[1];
    expect(pss?.controls.map((control) => control.id)).toEqual(['host-namespaces', 'privileged']);
    expect(pss?.controls[1]).toEqual({
      id: 'privileged',
      status: 'passing',
      passed: 3,
      failed: 0,
      exempted: 3,
      manual: 0,
      score: 100,
      checks: [
        {
          id: 'pss-privileged',
          title: 'Containers are not privileged',
          severity: 'critical',
          remediation: 'Drop it.',
          passed: 3,
          failed: 0,
          exempted: 3,
          manual: 0,
        },
      ],
    });
    const hostNamespaces = pss?.controls[0];
    expect(hostNamespaces).toMatchObject({ status: 'failing', passed: 5, failed: 1, score: 83.3 });
    // Worst severity first; an unknown check keeps its id as title.
    expect(hostNamespaces?.checks.map((check) => [check.id, check.title, check.severity])).toEqual([
      ['pss-host-ports', 'No host ports', 'high'],
      ['pss-host-namespaces', 'pss-host-namespaces', 'unknown'],
    ]);
    expect(pss?.score).toBe(91.7);
    expect(pss?.controlsByStatus).toEqual({
      failing: 1,
      passing: 1,
      exempted: 0,
      manual: 0,
      not_assessed: 0,
    });
    const cis = view.frameworks[0];
    // Numeric order of control ids: 4.2.9 before 4.2.10.
    expect(cis?.controls.map((control) => [control.id, control.status])).toEqual([
      ['3.1.1', 'not_assessed'],
      ['4.2.9', 'exempted'],
      ['4.2.10', 'passing'],
    ]);
    expect(cis?.controls[1]).toMatchObject({ manual: 2, exempted: 1 });
    expect(cis?.controls[1]).not.toHaveProperty('score');
  });

  it('keeps to one framework when asked, and is empty before any run', () => {
    expect(
      buildComplianceView({ ...inputs, framework: 'pss-baseline' }).frameworks.map(
        (framework) => framework.id
      )
    ).toEqual(['pss-baseline']);
    expect(buildComplianceView({ ...inputs, runs: [], covered: [] }).frameworks).toEqual([]);
  });
});
