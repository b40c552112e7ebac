import type { Check, CheckResult } from '../../../check/types.js';
import { snapshotOf } from '../../../snapshot/build.js';
import type { KubeObject } from '../../../snapshot/types.js';

/** For PSS tests: the check's results over these objects, keyed by `Kind/name`. */
export function judge(check: Check, ...objects: KubeObject[]): Map<string, CheckResult> {
  const results = check.run(
    snapshotOf(
      'test',
      objects.map((object) => ({ object }))
    )
  );
  return new Map(
    results.map((result) => [`${result.resource.kind}/${result.resource.name}`, result])
  );
}

/** The one result of a check over a single object. */
export function verdictOf(check: Check, object: KubeObject): CheckResult {
  const results = check.run(snapshotOf('test', [{ object }]));
  const [only, ...rest] = results;
  if (only === undefined || rest.length > 0) {
    throw new Error(`expected one result, got ${results.length}`);
  }
  return only;
}

/** Where each workload kind keeps its pod spec, as reasons name pod-level fields. */
export const specPaths = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
} as const;

/**
 * The same pod spec (and template metadata) as a bare Pod, a Deployment and a CronJob, the
 * way the API writes them.
 */
export function inThreeShapes(
  name: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {}
): KubeObject[] {
  const template = { metadata, spec };
  return [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', ...metadata },
      spec,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'default' },
      spec: { selector: { matchLabels: { app: name } }, template },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, namespace: 'default' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } },
    },
  ];
}
