/**
 * The EKS cluster's AWS-side configuration: filled by `sources/eks` (from the JSON the AWS CLI
 * prints; the AWS connector will fill the same shapes), read by `checks/eks`. Field names are
 * the AWS API's, as `aws eks describe-*` and `aws ecr describe-repositories` print them; only
 * the fields the checks read are typed, everything else is kept as it came.
 */
export interface EksSnapshot {
  /** The cluster's name, as `describe-cluster` gives it. */
  name: string;
  /** `describe-cluster`'s `cluster` object. */
  cluster: EksCluster;
  /** Managed node groups (`describe-nodegroup`); absent when none were read, `[]` when none exist. */
  nodegroups?: EksNodegroup[];
  /** Managed add-ons (`describe-addon`); absent when none were read, `[]` when none exist. */
  addons?: EksAddon[];
  /** ECR repositories (`describe-repositories`); absent when none were read. */
  ecrRepositories?: EcrRepository[];
}

/** Anything the API returns beyond the typed fields. */
interface Rest {
  [field: string]: unknown;
}

export interface EksCluster extends Rest {
  name: string;
  arn?: string;
  /** Kubernetes minor version: `1.31`. */
  version?: string;
  platformVersion?: string;
  resourcesVpcConfig?: EksVpcConfig;
  kubernetesNetworkConfig?: EksKubernetesNetworkConfig;
  logging?: { clusterLogging?: EksLogSetup[] } & Rest;
  encryptionConfig?: EksEncryptionConfig[];
  accessConfig?: {
    /** `CONFIG_MAP`, `API_AND_CONFIG_MAP` or `API`. */
    authenticationMode?: string;
    bootstrapClusterCreatorAdminPermissions?: boolean;
  } & Rest;
}

export interface EksVpcConfig extends Rest {
  subnetIds?: string[];
  securityGroupIds?: string[];
  clusterSecurityGroupId?: string;
  vpcId?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  /** When the public endpoint is on and this is absent, AWS uses `["0.0.0.0/0"]`. */
  publicAccessCidrs?: string[];
}

export interface EksKubernetesNetworkConfig extends Rest {
  serviceIpv4Cidr?: string;
  serviceIpv6Cidr?: string;
  ipFamily?: string;
  elasticLoadBalancing?: { enabled?: boolean } & Rest;
}

/** One entry of `logging.clusterLogging`: log types (`api`, `audit`…) and whether they are on. */
export interface EksLogSetup extends Rest {
  types?: string[];
  enabled?: boolean;
}

export interface EksEncryptionConfig extends Rest {
  /** What is envelope-encrypted: `secrets`. */
  resources?: string[];
  provider?: { keyArn?: string } & Rest;
}

export interface EksNodegroup extends Rest {
  nodegroupName: string;
  clusterName?: string;
  version?: string;
  releaseVersion?: string;
  /** `AL2023_x86_64_STANDARD`, `BOTTLEROCKET_ARM_64`, `CUSTOM`… */
  amiType?: string;
  capacityType?: string;
  instanceTypes?: string[];
  subnets?: string[];
  /** SSH access: a key, and the security groups allowed to use it (none given: open to 0.0.0.0/0). */
  remoteAccess?: { ec2SshKey?: string; sourceSecurityGroups?: string[] } & Rest;
  launchTemplate?: { name?: string; version?: string; id?: string } & Rest;
  nodeRole?: string;
}

export interface EksAddon extends Rest {
  /** `vpc-cni`, `coredns`, `kube-proxy`… */
  addonName: string;
  clusterName?: string;
  addonVersion?: string;
  /** The add-on's configuration as given: a JSON or YAML string (`{"enableNetworkPolicy":"true"}`). */
  configurationValues?: string;
  serviceAccountRoleArn?: string;
}

export interface EcrRepository extends Rest {
  repositoryName: string;
  repositoryArn?: string;
  repositoryUri?: string;
  registryId?: string;
  /** `MUTABLE` or `IMMUTABLE` (and the `_WITH_EXCLUSION` variants). */
  imageTagMutability?: string;
  imageScanningConfiguration?: { scanOnPush?: boolean } & Rest;
  encryptionConfiguration?: { encryptionType?: string; kmsKey?: string } & Rest;
}
