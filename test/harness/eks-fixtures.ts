import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotOf } from '../../src/posture/snapshot/build.js';
import type { EksSnapshot } from '../../src/posture/snapshot/eks.js';
import type { Snapshot } from '../../src/posture/snapshot/types.js';
import {
  addonOf,
  clusterOf,
  nodegroupOf,
  repositoriesOf,
} from '../../src/posture/sources/eks/parse.js';

/**
 * The JSON the AWS CLI prints for an EKS cluster, its node groups and add-ons, and ECR
 * repositories, as posture tests feed them to the EKS source and checks. Each builder gives a
 * realistic document; `fields` replaces top-level fields of the inner object.
 */
export type Fields = Record<string, unknown>;

const account = '111122223333';
const region = 'eu-west-1';

/** A cluster configured the way CIS asks: every log type, KMS secrets, private endpoint only. */
export function hardenedCluster(fields: Fields = {}): { cluster: Fields } {
  return {
    cluster: {
      name: 'prod',
      arn: `arn:aws:eks:${region}:${account}:cluster/prod`,
      createdAt: '2025-03-01T10:00:00.000000+00:00',
      version: '1.31',
      endpoint: 'https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com',
      roleArn: `arn:aws:iam::${account}:role/eks-cluster`,
      resourcesVpcConfig: {
        subnetIds: ['subnet-0a1', 'subnet-0b2'],
        securityGroupIds: ['sg-0c3'],
        clusterSecurityGroupId: 'sg-0d4',
        vpcId: 'vpc-0e5',
        endpointPublicAccess: false,
        endpointPrivateAccess: true,
        publicAccessCidrs: [],
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' },
      logging: {
        clusterLogging: [
          {
            types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
            enabled: true,
          },
        ],
      },
      identity: { oidc: { issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123' } },
      status: 'ACTIVE',
      certificateAuthority: { data: 'LS0tLS1CRUdJTi...' },
      platformVersion: 'eks.20',
      tags: {},
      encryptionConfig: [
        {
          resources: ['secrets'],
          provider: { keyArn: `arn:aws:kms:${region}:${account}:key/1234abcd-12ab` },
        },
      ],
      accessConfig: {
        bootstrapClusterCreatorAdminPermissions: false,
        authenticationMode: 'API',
      },
      upgradePolicy: { supportType: 'STANDARD' },
      deletionProtection: true,
      ...fields,
    },
  };
}

/** A cluster left at the defaults: public endpoint open to the world, no logs, no KMS. */
export function defaultCluster(fields: Fields = {}): { cluster: Fields } {
  return hardenedCluster({
    name: 'dev',
    arn: `arn:aws:eks:${region}:${account}:cluster/dev`,
    resourcesVpcConfig: {
      subnetIds: ['subnet-0a1', 'subnet-0b2'],
      securityGroupIds: [],
      clusterSecurityGroupId: 'sg-0d4',
      vpcId: 'vpc-0e5',
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    logging: {
      clusterLogging: [
        {
          types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
          enabled: false,
        },
      ],
    },
    encryptionConfig: undefined,
    accessConfig: {
      bootstrapClusterCreatorAdminPermissions: true,
      authenticationMode: 'CONFIG_MAP',
    },
    deletionProtection: false,
    ...fields,
  });
}

export function nodegroupJson(name: string, fields: Fields = {}, cluster = 'prod') {
  return {
    nodegroup: {
      nodegroupName: name,
      nodegroupArn: `arn:aws:eks:${region}:${account}:nodegroup/${cluster}/${name}/ab12`,
      clusterName: cluster,
      version: '1.31',
      releaseVersion: '1.31.4-20250101',
      status: 'ACTIVE',
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
      instanceTypes: ['m6i.large'],
      subnets: ['subnet-0a1', 'subnet-0b2'],
      amiType: 'AL2023_x86_64_STANDARD',
      nodeRole: `arn:aws:iam::${account}:role/eks-node`,
      diskSize: 20,
      health: { issues: [] },
      ...fields,
    },
  };
}

export function addonJson(name: string, fields: Fields = {}, cluster = 'prod') {
  return {
    addon: {
      addonName: name,
      clusterName: cluster,
      status: 'ACTIVE',
      addonVersion: 'v1.19.2-eksbuild.1',
      health: { issues: [] },
      addonArn: `arn:aws:eks:${region}:${account}:addon/${cluster}/${name}/cd34`,
      ...fields,
    },
  };
}

export function repositoryJson(name: string, fields: Fields = {}): Fields {
  return {
    repositoryArn: `arn:aws:ecr:${region}:${account}:repository/${name}`,
    registryId: account,
    repositoryName: name,
    repositoryUri: `${account}.dkr.ecr.${region}.amazonaws.com/${name}`,
    createdAt: '2025-02-01T09:00:00+00:00',
    imageTagMutability: 'IMMUTABLE',
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfiguration: { encryptionType: 'AES256' },
    ...fields,
  };
}

export function repositoriesJson(...repositories: Fields[]): { repositories: Fields[] } {
  return { repositories };
}

export interface EksDocuments {
  cluster: unknown;
  nodegroups?: unknown[];
  addons?: unknown[];
  ecr?: unknown[];
}

/** A snapshot from documents, read through the source's own parsing (no files). */
export function eksSnapshot(documents: EksDocuments): Snapshot {
  const cluster = clusterOf(documents.cluster, 'cluster.json');
  const eks: EksSnapshot = { name: cluster.name, cluster };
  if (documents.nodegroups !== undefined) {
    eks.nodegroups = documents.nodegroups.map((value, index) =>
      nodegroupOf(value, `nodegroup-${index}.json`)
    );
  }
  if (documents.addons !== undefined) {
    eks.addons = documents.addons.map((value, index) => addonOf(value, `addon-${index}.json`));
  }
  if (documents.ecr !== undefined) {
    eks.ecrRepositories = documents.ecr.flatMap((value, index) =>
      repositoriesOf(value, `ecr-${index}.json`)
    );
  }
  const snapshot = snapshotOf(`eks: ${cluster.name} (cluster.json)`, []);
  snapshot.eks = eks;
  return snapshot;
}

/** Writes documents (objects as JSON, strings as they are) to a fresh directory; returns paths. */
export async function writeEksFiles(
  files: Record<string, unknown>
): Promise<{ dir: string; path: (name: string) => string }> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-eks-'));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(
      join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2)
    );
  }
  return { dir, path: (name) => join(dir, name) };
}
