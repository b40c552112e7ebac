import type { LabelSelector, LabelSelectorRequirement } from '../../kube/network-objects.js';

/**
 * Label selector matching as the API machinery defines it: every `matchLabels` pair and every
 * `matchExpressions` requirement must hold. `In` needs the key with one of the values, `NotIn`
 * holds when the key is absent or has none of them, `Exists` and `DoesNotExist` look at the key
 * only. An empty selector selects everything. A requirement the API would reject (an unknown
 * operator, `In`/`NotIn` without values, `Exists`/`DoesNotExist` with values) selects nothing.
 */
export function selects(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>
): boolean {
  const pairs = Object.entries(selector.matchLabels ?? {});
  return (
    pairs.every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value) &&
    (selector.matchExpressions ?? []).every((requirement) => holds(requirement, labels))
  );
}

function holds(
  requirement: LabelSelectorRequirement,
  labels: Readonly<Record<string, string>>
): boolean {
  const values = requirement.values ?? [];
  const present = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return values.length > 0 && present && value !== undefined && values.includes(value);
    case 'NotIn':
      return values.length > 0 && (!present || value === undefined || !values.includes(value));
    case 'Exists':
      return values.length === 0 && present;
    case 'DoesNotExist':
      return values.length === 0 && !present;
    default:
      return false;
  }
}

/** Whether the selector is empty (`{}`), i.e. selects every pod of its namespace. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

/** `app=web, tier=front` for reasons; `(no labels)` when empty. */
export function describeLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}=${value}`);
  return pairs.length > 0 ? pairs.join(', ') : '(no labels)';
}
