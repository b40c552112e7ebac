/** The extensions of the archives Java runs: libraries, web and enterprise apps, plugins. */
const archiveExtensions = new Set(['jar', 'war', 'ear', 'par', 'sar', 'jpi', 'hpi']);

function extensionAt(name: string): number {
  const dot = name.lastIndexOf('.');
  const slash = name.lastIndexOf('/');
  return dot > slash + 1 ? dot : -1;
}

/** `lib/Foo-1.0.JAR` yes, `lib/.jar` and `lib/jar` no; case does not matter. */
export function isJavaArchiveName(path: string): boolean {
  const dot = extensionAt(path);
  return dot >= 0 && archiveExtensions.has(path.slice(dot + 1).toLowerCase());
}

/** Maven's timestamped snapshot suffix, `-20240131.142530-7`, part of the version before it. */
const timestampedSnapshot = /-\d{8}\.\d{6}-\d+$/;

/**
 * The artifact and version in an archive's file name as Maven writes it,
 * `artifact-version[-classifier].jar`: `commons-thing-2.4.1.jar`, `guava-31.1-jre.jar`,
 * `spring-core-5.3.4-SNAPSHOT.jar`. The version starts at the last `-` followed by a digit,
 * so artifact ids with digits after a dash keep them (`log4j-1.2-api-2.17.1.jar`).
 */
export function coordinatesFromFileName(
  path: string
): { artifact: string; version: string } | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = extensionAt(base);
  if (dot < 0 || !archiveExtensions.has(base.slice(dot + 1).toLowerCase())) {
    return undefined;
  }
  const stem = base.slice(0, dot);
  const snapshot = timestampedSnapshot.exec(stem);
  const searchEnd = snapshot ? snapshot.index - 1 : stem.length - 1;
  for (let at = searchEnd; at > 0; at--) {
    if (stem[at] === '-' && /\d/.test(stem[at + 1] ?? '')) {
      const artifact = stem.slice(0, at);
      const version = stem.slice(at + 1);
      if (artifact.endsWith('-') || /\s/.test(version)) {
        return undefined;
      }
      return { artifact, version };
    }
  }
  return undefined;
}
