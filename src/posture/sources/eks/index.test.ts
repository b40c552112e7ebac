import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../../core/errors.js';
import {
  addonJson,
  defaultCluster,
  hardenedCluster,
  nodegroupJson,
  repositoriesJson,
  repositoryJson,
  writeEksFiles,
} from '../../../../test/harness/eks-fixtures.js';
import { readEks } from './index.js';

const dirs: string[] = [];
async function files(contents: Record<string, unknown>) {
  const written = await writeEksFiles(contents);
  dirs.push(written.dir);
  return written.path;
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('readEks', () => {
  it('reads the AWS CLI outputs into snapshot.eks, keeping untyped fields', async () => {
    const path = await files({
      'cluster.json': hardenedCluster(),
      'ng.json': nodegroupJson('general'),
      'cni.json': addonJson('vpc-cni', { configurationValues: '{"enableNetworkPolicy":"true"}' }),
      'ecr.json': repositoriesJson(repositoryJson('app'), repositoryJson('web')),
    });
    const snapshot = await readEks({
      cluster: path('cluster.json'),
      nodegroups: [path('ng.json')],
      addons: [path('cni.json')],
      ecrRepositories: [path('ecr.json')],
    });
    expect(snapshot.source).toBe(`eks: prod (${path('cluster.json')})`);
    expect(snapshot.objects).toEqual([]);
    expect(snapshot.notes).toEqual([]);
    const eks = snapshot.eks;
    expect(eks?.name).toBe('prod');
    expect(eks?.cluster.resourcesVpcConfig?.endpointPrivateAccess).toBe(true);
    expect(eks?.cluster.status).toBe('ACTIVE');
    expect(eks?.nodegroups?.map((group) => group.nodegroupName)).toEqual(['general']);
    expect(eks?.addons?.[0]?.configurationValues).toBe('{"enableNetworkPolicy":"true"}');
    expect(eks?.ecrRepositories?.map((repository) => repository.repositoryName)).toEqual([
      'app',
      'web',
    ]);
  });

  it('accepts the bare inner objects and a bare repository array', async () => {
    const path = await files({
      'cluster.json': defaultCluster().cluster,
      'ng.json': nodegroupJson('ng', {}, 'dev').nodegroup,
      'addon.json': addonJson('coredns', {}, 'dev').addon,
      'ecr.json': [repositoryJson('app')],
      'one.json': repositoryJson('single'),
    });
    const snapshot = await readEks({
      cluster: path('cluster.json'),
      nodegroups: [path('ng.json')],
      addons: [path('addon.json')],
      ecrRepositories: [path('ecr.json'), path('one.json')],
    });
    expect(snapshot.eks?.name).toBe('dev');
    expect(snapshot.eks?.nodegroups?.[0]?.nodegroupName).toBe('ng');
    expect(snapshot.eks?.addons?.[0]?.addonName).toBe('coredns');
    expect(snapshot.eks?.ecrRepositories?.map((r) => r.repositoryName)).toEqual(['app', 'single']);
  });

  it('leaves kinds that were not given absent, and keeps an empty repository list', async () => {
    const path = await files({
      'cluster.json': { cluster: { name: 'bare' } },
      'ecr.json': { repositories: [] },
    });
    const only = await readEks({ cluster: path('cluster.json'), nodegroups: [], addons: [] });
    expect(only.eks).toEqual({ name: 'bare', cluster: { name: 'bare' } });
    const empty = await readEks({
      cluster: path('cluster.json'),
      ecrRepositories: [path('ecr.json')],
    });
    expect(empty.eks?.ecrRepositories).toEqual([]);
  });

  it('names the file and field of a wrong type', async () => {
    const path = await files({
      'cluster.json': hardenedCluster({
        resourcesVpcConfig: { endpointPublicAccess: 'yes', endpointPrivateAccess: true },
      }),
      'ng.json': nodegroupJson('ng', { remoteAccess: { ec2SshKey: 7 } }),
      'ecr.json': { repositories: [repositoryJson('ok'), { repositoryArn: 'x' }] },
      'addon.json': { addon: { addonName: 'vpc-cni', configurationValues: { a: 1 } } },
    });
    await expect(readEks({ cluster: path('cluster.json') })).rejects.toThrow(
      new RegExp(
        `^${path('cluster.json')} is not an EKS cluster .*: cluster\\.resourcesVpcConfig\\.endpointPublicAccess: `
      )
    );
    const good = await files({ 'cluster.json': hardenedCluster() });
    const nodegroup = readEks({ cluster: good('cluster.json'), nodegroups: [path('ng.json')] });
    await expect(nodegroup).rejects.toBeInstanceOf(InputError);
    await expect(nodegroup).rejects.toThrow('nodegroup.remoteAccess.ec2SshKey');
    await expect(
      readEks({ cluster: good('cluster.json'), ecrRepositories: [path('ecr.json')] })
    ).rejects.toThrow('repositories.1.repositoryName');
    await expect(
      readEks({ cluster: good('cluster.json'), addons: [path('addon.json')] })
    ).rejects.toThrow('addon.configurationValues');
  });

  it('rejects bad JSON, a cluster without a name, and a repositories field that is no list', async () => {
    const path = await files({
      'broken.json': '{"cluster": {',
      'nameless.json': { cluster: { version: '1.31' } },
      'array.json': [hardenedCluster().cluster],
      'ecr.json': { repositories: { repositoryName: 'x' } },
      'cluster.json': hardenedCluster(),
    });
    await expect(readEks({ cluster: path('broken.json') })).rejects.toThrow(
      `${path('broken.json')} is not valid JSON`
    );
    await expect(readEks({ cluster: path('nameless.json') })).rejects.toThrow('cluster.name');
    await expect(readEks({ cluster: path('array.json') })).rejects.toBeInstanceOf(InputError);
    await expect(
      readEks({ cluster: path('cluster.json'), ecrRepositories: [path('ecr.json')] })
    ).rejects.toThrow('repositories: expected an array');
  });

  it('rejects node groups and add-ons of another cluster', async () => {
    const path = await files({
      'cluster.json': hardenedCluster(),
      'ng.json': nodegroupJson('ng', {}, 'dev'),
      'addon.json': addonJson('vpc-cni', {}, 'dev'),
    });
    await expect(
      readEks({ cluster: path('cluster.json'), nodegroups: [path('ng.json')] })
    ).rejects.toThrow('node group ng belongs to cluster dev, not prod');
    await expect(
      readEks({ cluster: path('cluster.json'), addons: [path('addon.json')] })
    ).rejects.toThrow('add-on vpc-cni belongs to cluster dev, not prod');
  });

  it('reports a missing file as not found, and caps file sizes', async () => {
    const path = await files({ 'cluster.json': hardenedCluster() });
    const missing = readEks({ cluster: path('nope.json') });
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toThrow(path('nope.json'));
    await expect(
      readEks({ cluster: path('cluster.json'), addons: [path('gone.json')] })
    ).rejects.toBeInstanceOf(NotFoundError);
    const big = readEks({ cluster: path('cluster.json') }, { maxFileBytes: 100 });
    await expect(big).rejects.toBeInstanceOf(InputError);
    await expect(big).rejects.toThrow('is larger than 100 bytes');
  });
});
