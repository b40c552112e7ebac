import { z } from 'zod';
import type { EcrRepository, EksAddon, EksCluster, EksNodegroup } from '../../snapshot/eks.js';

/**
 * Schemas for the JSON the AWS CLI prints. Loose objects: fields the checks do not read pass
 * through untouched; the ones they read must have the API's type, so a check never meets a
 * string where AWS gives a boolean.
 */
const strings = z.array(z.string());

const VpcConfig = z.looseObject({
  subnetIds: strings.optional(),
  securityGroupIds: strings.optional(),
  clusterSecurityGroupId: z.string().optional(),
  vpcId: z.string().optional(),
  endpointPublicAccess: z.boolean().optional(),
  endpointPrivateAccess: z.boolean().optional(),
  publicAccessCidrs: strings.optional(),
});

const KubernetesNetworkConfig = z.looseObject({
  serviceIpv4Cidr: z.string().optional(),
  serviceIpv6Cidr: z.string().optional(),
  ipFamily: z.string().optional(),
  elasticLoadBalancing: z.looseObject({ enabled: z.boolean().optional() }).optional(),
});

const Logging = z.looseObject({
  clusterLogging: z
    .array(z.looseObject({ types: strings.optional(), enabled: z.boolean().optional() }))
    .optional(),
});

const EncryptionConfig = z.looseObject({
  resources: strings.optional(),
  provider: z.looseObject({ keyArn: z.string().optional() }).optional(),
});

export const Cluster = z.looseObject({
  name: z.string().min(1),
  arn: z.string().optional(),
  version: z.string().optional(),
  platformVersion: z.string().optional(),
  resourcesVpcConfig: VpcConfig.optional(),
  kubernetesNetworkConfig: KubernetesNetworkConfig.optional(),
  logging: Logging.optional(),
  encryptionConfig: z.array(EncryptionConfig).optional(),
  accessConfig: z
    .looseObject({
      authenticationMode: z.string().optional(),
      bootstrapClusterCreatorAdminPermissions: z.boolean().optional(),
    })
    .optional(),
}) satisfies z.ZodType<EksCluster>;

export const Nodegroup = z.looseObject({
  nodegroupName: z.string().min(1),
  clusterName: z.string().optional(),
  version: z.string().optional(),
  releaseVersion: z.string().optional(),
  amiType: z.string().optional(),
  capacityType: z.string().optional(),
  instanceTypes: strings.optional(),
  subnets: strings.optional(),
  remoteAccess: z
    .looseObject({ ec2SshKey: z.string().optional(), sourceSecurityGroups: strings.optional() })
    .optional(),
  launchTemplate: z
    .looseObject({
      name: z.string().optional(),
      version: z.string().optional(),
      id: z.string().optional(),
    })
    .optional(),
  nodeRole: z.string().optional(),
}) satisfies z.ZodType<EksNodegroup>;

export const Addon = z.looseObject({
  addonName: z.string().min(1),
  clusterName: z.string().optional(),
  addonVersion: z.string().optional(),
  configurationValues: z.string().optional(),
  serviceAccountRoleArn: z.string().optional(),
}) satisfies z.ZodType<EksAddon>;

export const Repository = z.looseObject({
  repositoryName: z.string().min(1),
  repositoryArn: z.string().optional(),
  repositoryUri: z.string().optional(),
  registryId: z.string().optional(),
  imageTagMutability: z.string().optional(),
  imageScanningConfiguration: z.looseObject({ scanOnPush: z.boolean().optional() }).optional(),
  encryptionConfiguration: z
    .looseObject({ encryptionType: z.string().optional(), kmsKey: z.string().optional() })
    .optional(),
}) satisfies z.ZodType<EcrRepository>;
