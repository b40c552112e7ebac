import type { Check } from '../../check/types.js';
import { check as cniPolicySupport } from './cni-policy-support.js';
import { check as defaultDenyEgress } from './default-deny-egress.js';
import { check as defaultDenyIngress } from './default-deny-ingress.js';
import { check as ingressExposure } from './ingress-exposure.js';
import { check as loadBalancerServices } from './load-balancer-services.js';
import { check as namespacePolicies } from './namespace-policies.js';
import { check as nodePortServices } from './node-port-services.js';
import { check as podPolicyCoverage } from './pod-policy-coverage.js';

/** Every network check: NetworkPolicy coverage first, then north-south exposure. */
export const checks: readonly Check[] = [
  cniPolicySupport,
  namespacePolicies,
  defaultDenyIngress,
  defaultDenyEgress,
  podPolicyCoverage,
  loadBalancerServices,
  nodePortServices,
  ingressExposure,
];
