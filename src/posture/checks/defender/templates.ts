import type { CheckResult, ResultStatus } from '../../check/types.js';
import type { Container } from '../../kube/pod-spec.js';
import { allContainers, podTemplates, type PodTemplate } from '../../kube/workloads.js';
import type { Snapshot } from '../../snapshot/types.js';

/**
 * What the Defender data-plane checks share: the one-result-per-template shape whose reason
 * names every offending container and field. `podTemplates` reads a snapshot's templates once
 * for every check.
 */

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export const everyList: readonly ContainerList[] = [
  'containers',
  'initContainers',
  'ephemeralContainers',
];

const listLabels: Record<ContainerList, string> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

/** `container app`, `init container setup`, `ephemeral container debug`. */
export function containerLabel(list: ContainerList, name: string): string {
  return `${listLabels[list]} ${name}`;
}

export interface Verdict {
  status: ResultStatus;
  reason: string;
}

/** One result per pod template of the snapshot, the template's owner as the resource. */
export function perTemplate(
  snapshot: Snapshot,
  judge: (template: PodTemplate) => Verdict
): CheckResult[] {
  return podTemplates(snapshot).map((template) => ({ ...judge(template), resource: template.ref }));
}

export function isWindows(template: PodTemplate): boolean {
  return template.spec.os?.name.toLowerCase() === 'windows';
}

export interface ContainerRule {
  /** The container lists the rule reads; every list unless given. */
  lists?: readonly ContainerList[];
  /**
   * For rules on Linux-only fields: a Windows pod (`spec.os.name: windows`) cannot set them,
   * so it passes, saying so. The text names what does not apply.
   */
  linuxOnly?: string;
  /** The problems of one container, each naming the field (`securityContext.privileged is true`). */
  problems(container: Container, template: PodTemplate): string[];
  /** The reason of a passing template. */
  pass: string;
}

/** Judges every container of a template by `rule`: a fail names each container and problem. */
export function judgeContainers(rule: ContainerRule): (template: PodTemplate) => Verdict {
  const lists = rule.lists ?? everyList;
  return (template) => {
    if (rule.linuxOnly !== undefined && isWindows(template)) {
      return {
        status: 'pass',
        reason: `Windows pod (${template.path}.os.name): ${rule.linuxOnly} does not apply`,
      };
    }
    const offences = allContainers(template.spec)
      .filter(({ list }) => lists.includes(list))
      .flatMap(({ container, list }) =>
        rule
          .problems(container, template)
          .map((problem) => `${containerLabel(list, container.name)}: ${problem}`)
      );
    return offences.length > 0
      ? { status: 'fail', reason: offences.join('; ') }
      : { status: 'pass', reason: rule.pass };
  };
}
