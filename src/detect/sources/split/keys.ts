/**
 * The member names the framer looks for, recognised straight from the input bytes: a document's
 * top-level keys say whether it is an event or a list of them, and a CloudWatch log event's keys
 * say where its message is. Comparing bytes in place spares a string per key on the hot path.
 */
export const Key = {
  other: 0,
  /** `EventList.items` (also any `List`). */
  items: 1,
  /** `aws logs filter-log-events` / `get-log-events` output. */
  events: 2,
  /** A CloudWatch Logs subscription-filter payload. */
  logEvents: 3,
  kind: 4,
  apiVersion: 10,
  messageType: 5,
  logGroup: 6,
  logStream: 7,
  /** Inside one CloudWatch log event. */
  message: 8,
  logStreamName: 9,
} as const;
export type Key = (typeof Key)[keyof typeof Key];

const names: readonly (readonly [string, Key])[] = [
  ['items', Key.items],
  ['events', Key.events],
  ['logEvents', Key.logEvents],
  ['kind', Key.kind],
  ['apiVersion', Key.apiVersion],
  ['messageType', Key.messageType],
  ['logGroup', Key.logGroup],
  ['logStream', Key.logStream],
  ['message', Key.message],
  ['logStreamName', Key.logStreamName],
];

const longest = Math.max(...names.map(([name]) => name.length));

/** The known names by length, so most keys are turned away by one lookup. */
const byLength: (readonly [Uint8Array, Key])[][] = Array.from(
  { length: longest + 1 },
  (): (readonly [Uint8Array, Key])[] => []
);
for (const [name, key] of names) {
  byLength[name.length]?.push([new TextEncoder().encode(name), key]);
}

/** The key spelled by `bytes[start..end)` (a JSON key without its quotes, escapes left raw). */
export function classifyKey(bytes: Uint8Array, start: number, end: number): Key {
  const candidates = byLength[end - start];
  if (candidates === undefined) {
    return Key.other;
  }
  for (const [name, key] of candidates) {
    let same = true;
    for (let k = 0; k < name.length; k++) {
      if (bytes[start + k] !== name[k]) {
        same = false;
        break;
      }
    }
    if (same) {
      return key;
    }
  }
  return Key.other;
}

/** Keys whose array value holds a document's events. */
export function isContainerKey(key: Key): boolean {
  return key === Key.items || key === Key.events || key === Key.logEvents;
}

/** Top-level string members the framer keeps (they say what the document is). */
export function isDocumentField(key: Key): boolean {
  return (
    key === Key.kind ||
    key === Key.apiVersion ||
    key === Key.messageType ||
    key === Key.logGroup ||
    key === Key.logStream
  );
}
