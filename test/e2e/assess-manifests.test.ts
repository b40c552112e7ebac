/**
 * `palisade assess manifests` end to end: manifest files the test writes, assessed through the
 * CLI in every format, with exceptions, framework selection, exit codes and bad input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/posture/index.js';
import { runCli, runCliWithStdout } from '../harness/cli.js';
import { sarifLogSchema } from '../schemas/sarif-2.1.0.js';

let dir: string;

const deployments = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: registry.example/web:1.0
          securityContext: {privileged: true}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
            - name: job
              image: registry.example/report:2.0
              securityContext:
                allowPrivilegeEscalation: false
                capabilities: {drop: [ALL]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: aws-node, namespace: kube-system}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: aws-node, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.0}]
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-assess-'));
  // The workloads, and a file with one broken document beside a good one.
  writeFileSync(join(dir, 'app.yaml'), deployments);
  writeFileSync(
    join(dir, 'broken.yaml'),
    'kind: [unclosed\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function assessJson(
  ...args: string[]
): Promise<{ code: number; assessment: Assessment; stderr: string }> {
  const result = await runCliWithStdout([
    'assess',
    'manifests',
    join(dir, 'app.yaml'),
    join(dir, 'broken.yaml'),
    '-f',
    'json',
    ...args,
  ]);
  return {
    code: result.code,
    stderr: result.stderr,
    assessment: JSON.parse(result.stdout) as Assessment,
  };
}

describe('palisade assess manifests', () => {
  it('fails the privileged Deployment, passes the hardened CronJob template, and exempts aws-node', async () => {
    const { code, assessment } = await assessJson('--framework', 'pss-baseline');
    const status = (check: string, name: string) =>
      assessment.results.find((result) => result.check === check && result.resource.name === name)
        ?.status;

    expect(code).toBe(0);
    expect(status('pss-privileged', 'web')).toBe('fail');
    expect(status('pss-host-namespaces', 'web')).toBe('fail');
    expect(status('pss-privileged', 'report')).toBe('pass');
    expect(status('pss-host-namespaces', 'aws-node')).toBe('exempted');
    const privileged = assessment.results.find(
      (result) => result.check === 'pss-privileged' && result.resource.name === 'web'
    );
    expect(privileged?.controls).toContainEqual({ framework: 'cis-eks-1.8.0', id: '4.2.1' });
    expect(privileged?.resource.origin).toBe(`${join(dir, 'app.yaml')}#1`);
    expect(assessment.frameworks.map((framework) => framework.framework)).toEqual(['pss-baseline']);
    expect(assessment.notes).toEqual([expect.stringMatching(/broken\.yaml#1: not valid YAML/)]);
  });

  it('reports aws-node as failing with --no-default-exceptions, and applies an exceptions file', async () => {
    const exceptions = join(dir, 'exceptions.yaml');
    writeFileSync(
      exceptions,
      'exceptions:\n  - checks: [pss-privileged]\n    namespaces: [shop]\n    names: [web]\n    reason: vendor appliance, SEC-7\n'
    );

    const { assessment } = await assessJson('--no-default-exceptions', '--exceptions', exceptions);
    const find = (check: string, name: string) =>
      assessment.results.find((result) => result.check === check && result.resource.name === name);

    expect(find('pss-host-namespaces', 'aws-node')?.status).toBe('fail');
    expect(find('pss-privileged', 'web')).toMatchObject({
      status: 'exempted',
      exemption: { reason: 'vendor appliance, SEC-7', origin: `${exceptions}#1` },
    });
  });

  it('exits 1 with --exit-code when a failed check reaches the severity, 0 when none does', async () => {
    expect((await assessJson('--exit-code', 'high')).code).toBe(1);
    const hardened = join(dir, 'hardened.yaml');
    writeFileSync(hardened, deployments.split('---')[1] ?? '');
    const result = await runCli([
      'assess',
      'manifests',
      hardened,
      '--framework',
      'pss-baseline',
      '--exit-code',
      'high',
      '-o',
      join(dir, 'out.txt'),
    ]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toMatch(/^Source +manifests: /);
  });

  it('writes SARIF 2.1.0 with a rule per check and a result per failing resource, located in its file', async () => {
    const result = await runCliWithStdout([
      'assess',
      'manifests',
      join(dir, 'app.yaml'),
      '-f',
      'sarif',
    ]);
    const log = sarifLogSchema.parse(JSON.parse(result.stdout));
    const run = log.runs[0];

    expect(result.code).toBe(0);
    expect(run?.results.some((item) => item.ruleId === 'pss-privileged')).toBe(true);
    expect(JSON.stringify(run?.results[0]?.locations)).toContain('app.yaml');
  });

  it('writes JUnit XML with a failure per failing resource and skips for exemptions', async () => {
    const result = await runCliWithStdout([
      'assess',
      'manifests',
      join(dir, 'app.yaml'),
      '-f',
      'junit',
    ]);

    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(result.stdout).toMatch(
      /<testcase classname="pss-privileged" name="Deployment shop\/web">\n\s+<failure /
    );
    expect(result.stdout).toMatch(/<skipped message="exempted: EKS system component/);
  });

  it('refuses a missing path, an unknown format, framework or severity, with exit code 2', async () => {
    const missing = await runCli(['assess', 'manifests', join(dir, 'nope')]);
    const format = await runCli(['assess', 'manifests', dir, '-f', 'pdf']);
    const framework = await runCli(['assess', 'manifests', dir, '--framework', 'nist']);
    const severity = await runCli(['assess', 'manifests', dir, '--exit-code', 'severe']);

    expect([missing.code, format.code, framework.code, severity.code]).toEqual([2, 2, 2, 2]);
    expect(missing.stderr).toContain(`no such manifest file or directory: ${join(dir, 'nope')}`);
    expect(format.stderr).toContain('--format must be one of table, json, sarif, junit; got "pdf"');
    expect(framework.stderr).toContain('got "nist"');
    expect(severity.stderr).toContain(
      '--exit-code must be one of critical, high, medium, low; got "severe"'
    );
  });
});
