/**
 * `palisade assess eks` end to end: AWS CLI JSON the test writes, assessed through the CLI.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/posture/index.js';
import { runCli, runCliWithStdout } from '../harness/cli.js';
import {
  addonJson,
  defaultCluster,
  hardenedCluster,
  nodegroupJson,
  repositoriesJson,
  repositoryJson,
  writeEksFiles,
} from '../harness/eks-fixtures.js';

let files: Awaited<ReturnType<typeof writeEksFiles>>;

beforeAll(async () => {
  files = await writeEksFiles({
    'hardened.json': hardenedCluster(),
    'default.json': defaultCluster(),
    'nodegroup.json': nodegroupJson('workers'),
    'addon.json': addonJson('vpc-cni', { configurationValues: '{"enableNetworkPolicy":"true"}' }),
    'ecr.json': repositoriesJson(repositoryJson('shop/web')),
    'broken.json': '{"cluster": ',
  });
});

afterAll(() => {
  rmSync(files.dir, { recursive: true, force: true });
});

async function assessEks(
  cluster: string,
  ...more: string[]
): Promise<{ code: number; assessment: Assessment }> {
  const result = await runCliWithStdout([
    'assess',
    'eks',
    '--cluster',
    files.path(cluster),
    '-f',
    'json',
    ...more,
  ]);
  return { code: result.code, assessment: JSON.parse(result.stdout) as Assessment };
}

const statusOf = (assessment: Assessment, check: string) =>
  assessment.results.filter((result) => result.check === check).map((result) => result.status);

describe('palisade assess eks', () => {
  it('fails the public endpoint and missing logs of a default cluster, and exits 1 over high', async () => {
    const { code, assessment } = await assessEks('default.json', '--exit-code', 'high');

    expect(code).toBe(1);
    expect(statusOf(assessment, 'eks-public-endpoint-open')).toEqual(['fail']);
    expect(statusOf(assessment, 'eks-audit-logs')).toEqual(['fail']);
    expect(
      assessment.results.find((result) => result.check === 'eks-audit-logs')?.controls
    ).toContainEqual({
      framework: 'cis-eks-1.8.0',
      id: '2.1.1',
    });
  });

  it('passes what the data decides for a hardened cluster, and lists manual controls as manual', async () => {
    const { code, assessment } = await assessEks(
      'hardened.json',
      '--nodegroup',
      files.path('nodegroup.json'),
      '--addon',
      files.path('addon.json'),
      '--ecr',
      files.path('ecr.json'),
      '--exit-code',
      'low'
    );

    expect(code).toBe(0);
    expect(assessment.results.filter((result) => result.status === 'fail')).toEqual([]);
    expect(statusOf(assessment, 'eks-public-endpoint-open')).toEqual(['pass']);
    expect(statusOf(assessment, 'eks-load-balancer-tls')).toEqual(['manual']);
    expect(assessment.source).toMatch(/^eks: /);
  });

  it('exits 2 naming the file when it is missing or not JSON, or when --cluster is not given', async () => {
    const missing = await runCli(['assess', 'eks', '--cluster', files.path('none.json')]);
    const broken = await runCli(['assess', 'eks', '--cluster', files.path('broken.json')]);
    const none = await runCli(['assess', 'eks']);

    expect([missing.code, broken.code, none.code]).toEqual([2, 2, 2]);
    expect(missing.stderr).toContain(files.path('none.json'));
    expect(broken.stderr).toContain(files.path('broken.json'));
    expect(none.stderr).toContain('--cluster');
  });
});
