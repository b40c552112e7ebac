import type { Severity } from '../../../core/finding.js';
import type { Check, CheckResult, ControlRef } from '../../check/types.js';
import type { Container, PodSpec } from '../../kube/pod-spec.js';
import { allContainers, podTemplates, type PodTemplate } from '../../kube/workloads.js';
import type { Snapshot } from '../../snapshot/types.js';

/**
 * What the Pod Security Standards checks share: one result per pod template, controls named
 * by the pod-security-admission check IDs, and reasons that name every offending container
 * and field with its value.
 */
export interface PodCheckSpec {
  id: string;
  title: string;
  severity: Severity;
  /** Baseline checks satisfy the same id in `pss-restricted` too: restricted includes baseline. */
  level: 'baseline' | 'restricted';
  /** The pod-security-admission check ID (`hostNamespaces`, `capabilities_restricted`). */
  psaId: string;
  /** CIS EKS 1.8.0 section 4.2 controls the check decides, if any. */
  cis?: readonly string[];
  remediation: string;
  /** The reason of a pass. */
  passes: string;
  /** When the policy does not apply to this pod at all (a relaxation), the reason it passes. */
  exempts?: (template: PodTemplate) => string | undefined;
  /** Every violation in the template, one readable phrase each; empty when it passes. */
  judge: (template: PodTemplate) => string[];
}

export function podCheck(spec: PodCheckSpec): Check {
  const controls: ControlRef[] = [
    ...(spec.level === 'baseline' ? [{ framework: 'pss-baseline' as const, id: spec.psaId }] : []),
    { framework: 'pss-restricted', id: spec.psaId },
    ...(spec.cis ?? []).map((id) => ({ framework: 'cis-eks-1.8.0' as const, id })),
  ];
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    controls,
    remediation: spec.remediation,
    run(snapshot: Snapshot): CheckResult[] {
      return podTemplates(snapshot).map((template) => {
        const exemption = spec.exempts?.(template);
        if (exemption !== undefined) {
          return { status: 'pass', resource: template.ref, reason: exemption };
        }
        const violations = spec.judge(template);
        return violations.length === 0
          ? { status: 'pass', resource: template.ref, reason: spec.passes }
          : { status: 'fail', resource: template.ref, reason: violations.join('; ') };
      });
    },
  };
}

/** A container as reasons name it: `container app`, `initContainers[setup]`. */
export interface NamedContainer {
  label: string;
  container: Container;
}

/** Every container of the pod (regular, init and ephemeral), named for reasons. */
export function namedContainers(spec: PodSpec): NamedContainer[] {
  return allContainers(spec).map(({ container, list }) => ({
    label: list === 'containers' ? `container ${container.name}` : `${list}[${container.name}]`,
    container,
  }));
}

/** A pod-level field as it sits in the owner: `spec.template.spec.securityContext.runAsUser`. */
export function podField(template: PodTemplate, field: string): string {
  return `${template.path}.${field}`;
}

/** A value for a reason: as it is, but an empty string as `""` so it cannot read as nothing. */
export function show(value: string | number): string {
  return value === '' ? '""' : String(value);
}

/** `spec.os.name` is `windows`: the restricted Linux-only rules do not apply (policy v1.25+). */
export function windowsExemption(template: PodTemplate): string | undefined {
  return template.spec.os?.name === 'windows'
    ? `${podField(template, 'os.name')} is windows: this rule does not apply to Windows pods`
    : undefined;
}

/** `hostUsers: false`: the pod runs in its own user namespace (relaxation of policy v1.35+). */
export function userNamespaceExemption(template: PodTemplate): string | undefined {
  return template.spec.hostUsers === false
    ? `${podField(template, 'hostUsers')} is false: the pod runs in its own user namespace, where this rule is relaxed`
    : undefined;
}
