import { isRecord } from '../../../core/is-record.js';
import type { KubeObject } from '../../snapshot/types.js';

/**
 * One list item as the API server wrote it → a snapshot object. Items of a typed list lack
 * `apiVersion` and `kind`; they are set from the list. What checks must never see or hold is
 * removed here, right after the page was parsed:
 * - Secrets keep metadata and `type`: `data` and `stringData` go, and so does the
 *   `kubectl.kubernetes.io/last-applied-configuration` annotation, which repeats them;
 * - ConfigMaps keep their keys: every value of `data` and `binaryData` becomes `''`, and the
 *   last-applied annotation goes, except `kube-system/aws-auth`, kept whole because the EKS
 *   checks read its `mapRoles` and `mapUsers`;
 * - `metadata.managedFields` goes from every object: field ownership bookkeeping, often the
 *   largest part of an object, that no check reads.
 */

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** `{ key: '' }` for every key: the names stay, the values are gone. */
function keysOnly(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  return Object.fromEntries(Object.keys(value).map((key) => [key, '']));
}

function withoutLastApplied(metadata: Record<string, unknown>): void {
  const annotations = metadata['annotations'];
  if (isRecord(annotations) && lastAppliedAnnotation in annotations) {
    metadata['annotations'] = Object.fromEntries(
      Object.entries(annotations).filter(([key]) => key !== lastAppliedAnnotation)
    );
  }
}

/** `kube-system/aws-auth`: the one ConfigMap whose values are kept. */
export function isAwsAuth(kind: string, metadata: Record<string, unknown>): boolean {
  return (
    kind === 'ConfigMap' &&
    metadata['namespace'] === 'kube-system' &&
    metadata['name'] === 'aws-auth'
  );
}

/**
 * The snapshot object for one item, or undefined for an item without a name (the API server
 * never sends one; a proxy in the way might).
 */
export function toKubeObject(
  item: unknown,
  kind: string,
  apiVersion: string
): KubeObject | undefined {
  if (!isRecord(item) || !isRecord(item['metadata'])) {
    return undefined;
  }
  const metadata: Record<string, unknown> = { ...item['metadata'] };
  if (typeof metadata['name'] !== 'string') {
    return undefined;
  }
  delete metadata['managedFields'];
  const fields = Object.fromEntries(
    Object.entries(item).filter(([key]) => !['apiVersion', 'kind', 'metadata'].includes(key))
  );
  if (kind === 'Secret') {
    delete fields['data'];
    delete fields['stringData'];
    withoutLastApplied(metadata);
  } else if (kind === 'ConfigMap' && !isAwsAuth(kind, metadata)) {
    const data = keysOnly(fields['data']);
    const binaryData = keysOnly(fields['binaryData']);
    delete fields['data'];
    delete fields['binaryData'];
    if (data !== undefined) {
      fields['data'] = data;
    }
    if (binaryData !== undefined) {
      fields['binaryData'] = binaryData;
    }
    withoutLastApplied(metadata);
  }
  return { apiVersion, kind, metadata: metadata as unknown as KubeObject['metadata'], ...fields };
}
