import type { KubeObject, Snapshot } from './types.js';

/** A snapshot from objects already read, with their origins when they came from files. */
export function snapshotOf(
  source: string,
  objects: readonly { object: KubeObject; origin?: string }[],
  notes: readonly string[] = []
): Snapshot {
  const origins = new Map<KubeObject, string>();
  for (const { object, origin } of objects) {
    if (origin !== undefined) {
      origins.set(object, origin);
    }
  }
  return { source, objects: objects.map(({ object }) => object), origins, notes: [...notes] };
}
