import { describe, expect, it } from 'vitest';
import { sarifLogSchema } from '../../../test/schemas/sarif-2.1.0.js';
import type { AssessedResult, Assessment } from '../assessment.js';
import { assessmentFormats } from '../format/api.js';

function result(
  status: AssessedResult['status'],
  name: string,
  extra: Partial<AssessedResult> = {}
): AssessedResult {
  return {
    check: 'rbac-secrets-readers',
    title: 'Subjects cannot read secrets',
    severity: 'high',
    controls: [{ framework: 'cis-eks-1.8.0', id: '4.1.2' }],
    status,
    resource: { kind: 'ServiceAccount', namespace: 'ci', name },
    reason: `${name} can list secrets cluster-wide <via ClusterRoleBinding "x">`,
    remediation: 'Bind a narrower role.',
    ...extra,
  };
}

const assessment: Assessment = {
  schemaVersion: 1,
  tool: { name: 'palisade', version: '9.9.9' },
  createdAt: '2026-06-01T00:00:00.000Z',
  source: 'cluster: prod (https://127.0.0.1:6443)',
  frameworks: [
    {
      framework: 'cis-eks-1.8.0',
      score: 50,
      controls: [
        {
          id: '4.1.2',
          checks: ['rbac-secrets-readers'],
          passed: 1,
          failed: 1,
          manual: 0,
          exempted: 1,
          score: 50,
        },
      ],
    },
  ],
  results: [
    result('fail', 'deployer'),
    result('exempted', 'aws-node', {
      exemption: { reason: 'AWS runs it', origin: 'built-in: eks' },
    }),
    result('pass', 'viewer'),
  ],
  notes: ['cannot list secrets: forbidden'],
};

const render = (id: string) =>
  assessmentFormats.get(id)?.render(assessment, { color: false }) ?? '';

describe('assessment formats', () => {
  it('table: scores, the failing resources under their check with the fix, exemptions with why', () => {
    const text = render('table');

    expect(text).toContain('cis-eks-1.8.0      50%  1 controls, 1 failing');
    expect(text).toContain('Results     1 failed, 1 passed, 0 manual, 1 exempted');
    expect(text).toMatch(
      /FAILED\n\nrbac-secrets-readers \[high\] Subjects cannot read secrets\n {2}controls: cis-eks-1\.8\.0 4\.1\.2\n {2}- ServiceAccount ci\/deployer: /
    );
    expect(text).toContain('  fix: Bind a narrower role.');
    expect(text).toContain('      exempted: AWS runs it (built-in: eks)');
    expect(text).not.toContain('viewer');
    expect(text).toContain('Notes\n  - cannot list secrets: forbidden');
  });

  it('sarif: valid for code scanning, a live object located at a stable pseudo-path', () => {
    const log = sarifLogSchema.parse(JSON.parse(render('sarif')));
    const results = log.runs[0]?.results ?? [];

    expect(results).toHaveLength(1);
    expect(results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'k8s/ci/ServiceAccount/deployer'
    );
    expect(log.runs[0]?.tool.driver.rules?.[0]?.properties?.['security-severity']).toBe('8.0');
  });

  it('junit: escapes what XML cannot carry as written', () => {
    const xml = render('junit');

    expect(xml).toContain(
      'message="deployer can list secrets cluster-wide &lt;via ClusterRoleBinding &quot;x&quot;&gt;"'
    );
    expect(xml).toContain('tests="3" failures="1" skipped="1"');
  });

  it('json: the assessment as it is', () => {
    expect(JSON.parse(render('json'))).toEqual(assessment);
  });
});
