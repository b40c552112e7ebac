import type { Behaviour, BehaviourKind } from './behaviours.js';

/** How many learnt entries a message lists before it counts the rest. */
const listedEntries = 8;

/** `7 days`, `36 hours`, `90 minutes`: the largest unit that divides the window evenly. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/** What the identity did, as a person reads it. */
export function describeNew(behaviour: Behaviour): string {
  switch (behaviour.kind) {
    case 'operations':
      return `did ${behaviour.key}`;
    case 'secrets':
      return describeSecretRead(behaviour.key);
    case 'execs':
      return `exec-ed into a pod in namespace ${behaviour.key}`;
    case 'deploys':
      return `deployed ${describeDeploy(behaviour.key)}`;
  }
}

function describeSecretRead(key: string): string {
  if (key === '*/*') {
    return 'listed secrets in all namespaces';
  }
  const slash = key.indexOf('/');
  const namespace = key.slice(0, slash);
  const name = key.slice(slash + 1);
  return name === '*' ? `listed secrets in namespace ${namespace}` : `read secret ${key}`;
}

function describeDeploy(key: string): string {
  const space = key.indexOf(' ');
  return `${key.slice(0, space)} in namespace ${key.slice(space + 1)}`;
}

const baselineVerbs: Record<BehaviourKind, { did: string; none: string }> = {
  operations: { did: 'it did', none: 'it made no request' },
  secrets: { did: 'it read secrets', none: 'it read no secret' },
  execs: { did: 'it exec-ed into pods in', none: 'it exec-ed into no pod' },
  deploys: { did: 'it deployed', none: 'it deployed no workload' },
};

function describeEntry(kind: BehaviourKind, key: string): string {
  return kind === 'deploys' ? key.replace(' ', ' in ') : key;
}

/** `in 7 days it did: a, b, c and 4 more`, sorted, so the same baseline reads the same. */
export function describeBaseline(kind: BehaviourKind, known: ReadonlySet<string>, window: string) {
  const words = baselineVerbs[kind];
  if (known.size === 0) {
    return `in ${window} ${words.none}`;
  }
  const entries = [...known].sort();
  const shown = entries.slice(0, listedEntries).map((key) => describeEntry(kind, key));
  const rest = entries.length - shown.length;
  return `in ${window} ${words.did}: ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}
