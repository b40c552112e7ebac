import { cleanValue, isMavenId, type Coordinates } from './coordinates.js';

/** `META-INF/maven/<group>/<artifact>/pom.properties`, which Maven writes into every jar it builds. */
const pomPropertiesPath = /^META-INF\/maven\/([^/]+)\/([^/]+)\/pom\.properties$/;

export function pomPropertiesPathParts(
  name: string
): { group: string; artifact: string } | undefined {
  const match = pomPropertiesPath.exec(name);
  return match?.[1] !== undefined && match[2] !== undefined
    ? { group: match[1], artifact: match[2] }
    : undefined;
}

const whitespace = new Set([' ', '\t', '\f']);

/** Natural lines joined where a line ends in an odd number of backslashes; comments dropped. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | undefined;
  for (const natural of text.split(/\r\n|\r|\n/)) {
    const line = natural.replace(/^[ \t\f]+/, '');
    if (pending === undefined && (line === '' || line.startsWith('#') || line.startsWith('!'))) {
      continue;
    }
    const backslashes = line.length - line.replace(/\\+$/, '').length;
    const continues = backslashes % 2 === 1;
    pending = (pending ?? '') + (continues ? line.slice(0, -1) : line);
    if (!continues) {
      lines.push(pending);
      pending = undefined;
    }
  }
  if (pending !== undefined) {
    lines.push(pending);
  }
  return lines;
}

const escapes: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) =>
    escaped.length === 5
      ? String.fromCharCode(parseInt(escaped.slice(1), 16))
      : (escapes[escaped] ?? escaped)
  );
}

/**
 * A `.properties` file as `java.util.Properties.load` reads it: ISO-8859-1, `#` and `!`
 * comments, `key=value`, `key: value` or `key value`, backslash continuations and escapes
 * (`\uXXXX` included). A later duplicate key wins.
 */
export function parseProperties(bytes: Buffer): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(bytes.toString('latin1'))) {
    let at = 0;
    while (
      at < line.length &&
      line[at] !== '=' &&
      line[at] !== ':' &&
      !whitespace.has(line[at] ?? '')
    ) {
      at += line[at] === '\\' ? 2 : 1;
    }
    const key = line.slice(0, at);
    while (whitespace.has(line[at] ?? '')) {
      at++;
    }
    if (line[at] === '=' || line[at] === ':') {
      at++;
    }
    while (whitespace.has(line[at] ?? '')) {
      at++;
    }
    properties.set(unescape(key), unescape(line.slice(at)));
  }
  return properties;
}

/**
 * The artifact a pom.properties names. Maven always writes `groupId`, `artifactId` and
 * `version`; a file without a group or artifact id takes them from its own path (Maven's
 * layout), but one without a version names nothing, and the reason is returned instead.
 */
export function pomCoordinates(
  properties: ReadonlyMap<string, string>,
  fromPath: { group: string; artifact: string }
): Coordinates | string {
  const version = cleanValue(properties.get('version'));
  if (version === undefined) {
    return 'it has no usable version';
  }
  const group = cleanValue(properties.get('groupId')) ?? fromPath.group;
  const artifact = cleanValue(properties.get('artifactId')) ?? fromPath.artifact;
  if (!isMavenId(group) || !isMavenId(artifact)) {
    return `its group or artifact id is not a Maven id`;
  }
  return { group, artifact, version };
}
