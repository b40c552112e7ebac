import type { ControlRef } from '../../check/types.js';
import type { EcrRepository, EksNodegroup, EksSnapshot, EksVpcConfig } from '../../snapshot/eks.js';
import type { ResourceRef } from '../../snapshot/types.js';

/** Helpers the EKS checks share: resource references, control references, endpoint facts. */

export function clusterRef(eks: EksSnapshot): ResourceRef {
  return { kind: 'EKSCluster', name: eks.name };
}

export function nodegroupRef(nodegroup: EksNodegroup): ResourceRef {
  return { kind: 'EKSNodegroup', name: nodegroup.nodegroupName };
}

export function repositoryRef(repository: EcrRepository): ResourceRef {
  return { kind: 'ECRRepository', name: repository.repositoryName };
}

export function cis(id: string): ControlRef {
  return { framework: 'cis-eks-1.8.0', id };
}

export function defender(id: string): ControlRef {
  return { framework: 'defender', id };
}

/** CIDRs that mean "anyone on the internet". */
const anywhere = new Set(['0.0.0.0/0', '::/0']);

/**
 * The API server endpoint as configured. A field the input leaves out takes the value AWS gives
 * a cluster created without it: public access on, private access off, public CIDRs `0.0.0.0/0`.
 */
export interface Endpoint {
  public: boolean;
  private: boolean;
  /** The CIDRs allowed to reach the public endpoint (empty when it is off). */
  publicCidrs: string[];
  /** The public CIDRs that let anyone in. */
  openCidrs: string[];
  /** Fields the input left out, for the reason. */
  defaulted: string[];
}

export function endpointOf(vpc: EksVpcConfig | undefined): Endpoint {
  const defaulted: string[] = [];
  const stated = <T>(field: keyof EksVpcConfig & string, value: T | undefined, fallback: T): T => {
    if (value !== undefined) {
      return value;
    }
    defaulted.push(field);
    return fallback;
  };
  const isPublic = stated('endpointPublicAccess', vpc?.endpointPublicAccess, true);
  const isPrivate = stated('endpointPrivateAccess', vpc?.endpointPrivateAccess, false);
  const publicCidrs = isPublic
    ? stated('publicAccessCidrs', vpc?.publicAccessCidrs, ['0.0.0.0/0'])
    : [];
  return {
    public: isPublic,
    private: isPrivate,
    publicCidrs,
    openCidrs: publicCidrs.filter((cidr) => anywhere.has(cidr.trim())),
    defaulted,
  };
}

/** `endpointPublicAccess is true, publicAccessCidrs [0.0.0.0/0] (not stated: the AWS default)`. */
export function describeEndpoint(endpoint: Endpoint): string {
  const parts = [
    `endpointPrivateAccess is ${String(endpoint.private)}`,
    `endpointPublicAccess is ${String(endpoint.public)}`,
  ];
  if (endpoint.public) {
    parts.push(`publicAccessCidrs [${endpoint.publicCidrs.join(', ')}]`);
  }
  const said = parts.join(', ');
  return endpoint.defaulted.length > 0
    ? `${said} (${endpoint.defaulted.join(', ')} not stated: the AWS default)`
    : said;
}

/** `a, b and c`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
