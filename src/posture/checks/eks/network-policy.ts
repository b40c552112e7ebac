import { parse } from 'yaml';
import type { Check } from '../../check/types.js';
import type { EksAddon } from '../../snapshot/eks.js';
import { cis, clusterRef } from './eks-view.js';

type Setting =
  | { kind: 'on'; said: string }
  | { kind: 'off'; said: string }
  | { kind: 'unreadable'; said: string };

/** The vpc-cni add-on's `enableNetworkPolicy`, from its JSON or YAML configuration values. */
export function networkPolicySetting(addon: EksAddon): Setting {
  const text = addon.configurationValues;
  if (text === undefined || text.trim() === '') {
    return {
      kind: 'off',
      said: 'configurationValues is not set (enableNetworkPolicy defaults to "false")',
    };
  }
  let values: unknown;
  try {
    values = parse(text) as unknown;
  } catch {
    return { kind: 'unreadable', said: 'configurationValues is neither JSON nor YAML' };
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return { kind: 'unreadable', said: 'configurationValues is not an object' };
  }
  const value = (values as Record<string, unknown>).enableNetworkPolicy;
  if (value === undefined) {
    return {
      kind: 'off',
      said: 'configurationValues does not set enableNetworkPolicy (it defaults to "false")',
    };
  }
  const said = `configurationValues sets enableNetworkPolicy to ${JSON.stringify(value)}`;
  // The add-on's schema types it as the string "true"; a YAML boolean means the same.
  return value === 'true' || value === true ? { kind: 'on', said } : { kind: 'off', said };
}

/**
 * CIS 5.4.4: NetworkPolicies are enforced. Decided from the vpc-cni managed add-on only:
 * `enableNetworkPolicy: "true"` passes; the add-on without it fails, with a reason saying that
 * a third-party engine (Calico, Cilium) would enforce policies instead, which the EKS data
 * cannot show (record an exception then). No vpc-cni managed add-on, no add-on data, or values
 * that cannot be read: `manual`. The cluster security group is not taken as a sign of policy
 * enforcement: it says nothing about it.
 */
export const check: Check = {
  id: 'eks-network-policy',
  title: 'Network policy enforcement should be enabled',
  severity: 'medium',
  controls: [cis('5.4.4')],
  remediation:
    'Set enableNetworkPolicy: "true" in the vpc-cni add-on configuration (aws eks update-addon --addon-name vpc-cni --configuration-values \'{"enableNetworkPolicy":"true"}\'), or run a policy engine such as Calico or Cilium.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const resource = clusterRef(eks);
    if (eks.addons === undefined) {
      return [
        {
          status: 'manual',
          resource,
          reason:
            'no add-on data was given (aws eks describe-addon --addon-name vpc-cni); check that the CNI or a policy engine enforces NetworkPolicies',
        },
      ];
    }
    const cni = eks.addons.find((addon) => addon.addonName === 'vpc-cni');
    if (cni === undefined) {
      return [
        {
          status: 'manual',
          resource,
          reason: `vpc-cni is not among the managed add-ons given (${eks.addons.map((addon) => addon.addonName).join(', ')}); a self-managed VPC CNI or another CNI may be in use: check that it, or a policy engine, enforces NetworkPolicies`,
        },
      ];
    }
    const version = cni.addonVersion !== undefined ? ` ${cni.addonVersion}` : '';
    const setting = networkPolicySetting(cni);
    switch (setting.kind) {
      case 'on':
        return [{ status: 'pass', resource, reason: `vpc-cni${version}: ${setting.said}` }];
      case 'unreadable':
        return [
          {
            status: 'manual',
            resource,
            reason: `vpc-cni${version}: ${setting.said}; check its enableNetworkPolicy setting`,
          },
        ];
      case 'off':
        return [
          {
            status: 'fail',
            resource,
            reason: `vpc-cni${version}: ${setting.said}, so the VPC CNI does not enforce NetworkPolicies; if Calico, Cilium or another engine enforces them, record an exception`,
          },
        ];
    }
  },
};
