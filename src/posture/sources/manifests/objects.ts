import { z } from 'zod';
import type { KubeObject } from '../../snapshot/types.js';

const Metadata = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const ObjectShape = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: Metadata,
});

const ListShape = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().regex(/List$/),
  items: z.array(z.unknown()),
});

export type ReadObject =
  { ok: true; object: KubeObject; where: string } | { ok: false; message: string };

/**
 * A document as Kubernetes objects: itself, or the items of a `List` (`kubectl get -o yaml`
 * writes `kind: List`; typed lists such as `PodList` work too). Each item is checked for the
 * fields every object has; one bad item is one message, the rest are kept.
 */
export function objectsOf(value: unknown, where: string): ReadObject[] {
  const list = ListShape.safeParse(value);
  if (list.success) {
    return list.data.items.flatMap((item, index) => objectsOf(item, `${where} items[${index}]`));
  }
  const parsed = ObjectShape.safeParse(value);
  if (!parsed.success) {
    return [
      { ok: false, message: `${where}: not a Kubernetes object: ${describeIssues(parsed.error)}` },
    ];
  }
  return [{ ok: true, object: parsed.data, where }];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.join('.') || '(document)';
      return issue.code === 'invalid_type' && issue.input === undefined
        ? `${path} is missing`
        : `${path}: ${issue.message}`;
    })
    .join('; ');
}
