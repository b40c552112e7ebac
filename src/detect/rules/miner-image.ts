import type { AuditRule } from '../rule/types.js';
import { describeRequest, listOf } from '../rule/workload-describe.js';
import {
  ephemeralContainersResource,
  judgedWorkload,
  workloadOn,
  writeVerbs,
} from '../rule/workload-requests.js';

export const rule: AuditRule = {
  id: 'miner-image',
  title: 'Digital currency mining image',
  description:
    'A workload was written with a container image that the loaded threat intelligence lists ' +
    "as a cryptocurrency miner. Miners turn the cluster's compute into someone else's money " +
    'and are the most common payload after a Kubernetes compromise.',
  severity: 'high',
  mitre: ['T1496', 'T1610', 'T1204.003'],
  equivalents: { defender: 'K8S_MaliciousContainerImage' },
  on: { resources: [...workloadOn, ephemeralContainersResource], verbs: writeVerbs },
  evaluate(event, context) {
    const workload = judgedWorkload(event);
    if (workload === undefined) {
      return undefined;
    }
    const listed = workload.containers.flatMap((container) => {
      const entry = container.image !== '' ? context.intel.minerImage(container.image) : undefined;
      return entry !== undefined ? [{ container, entry }] : [];
    });
    if (listed.length === 0) {
      return undefined;
    }
    const described = listOf(
      listed.map(
        ({ container, entry }) =>
          `${container.label} (image ${container.image}, listed as ${entry})`
      )
    );
    return {
      message: `${describeRequest(event)} with a known miner image: ${described}`,
      fields: {
        container: listOf(listed.map(({ container }) => container.name)),
        image: listOf(listed.map(({ container }) => container.image)),
        listEntry: listOf(listed.map(({ entry }) => entry)),
      },
    };
  },
};
