import { isRecord } from './read-document.js';

/** What an importer needs installed; pnpm 11's env lockfile roots pnpm and config packages. */
const installedFields = [
  'dependencies',
  'optionalDependencies',
  'configDependencies',
  'packageManagerDependencies',
] as const;
const graphFields = ['dependencies', 'optionalDependencies'] as const;

/**
 * Lockfile 9 no longer marks development-only packages; it records the graph instead. Each
 * importer (the project, each workspace) lists its dependencies by kind with the version
 * resolved, and `snapshots` lists each resolved package's own dependencies. A package only
 * `devDependencies` reach is for development; one nothing reaches (a graph this reader does not
 * follow) is kept, so a surprise in the format shows a package rather than hiding one.
 *
 * Returns the `packages` keys to leave out.
 */
export function developmentOnly(lock: Record<string, unknown>): Set<string> {
  const importers = Object.values(isRecord(lock['importers']) ? lock['importers'] : {});
  const snapshots = isRecord(lock['snapshots']) ? lock['snapshots'] : {};
  const installed = reach(importers, installedFields, snapshots);
  const development = reach(importers, ['devDependencies'], snapshots);
  return new Set([...development].filter((key) => !installed.has(key)).map(withoutPeers));
}

/** The snapshot keys reached from these importer fields, breadth first, without recursion. */
function reach(
  importers: unknown[],
  fields: readonly string[],
  snapshots: Record<string, unknown>
): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  const visit = (dependencies: unknown, resolved: (value: unknown) => unknown): void => {
    if (!isRecord(dependencies)) {
      return;
    }
    for (const [name, value] of Object.entries(dependencies)) {
      const key = snapshotKey(name, resolved(value));
      if (key !== undefined && !reached.has(key) && Object.hasOwn(snapshots, key)) {
        reached.add(key);
        queue.push(key);
      }
    }
  };
  for (const importer of importers) {
    for (const field of fields) {
      // An importer's dependency is `{specifier, version}`.
      visit(isRecord(importer) ? importer[field] : undefined, (value) =>
        isRecord(value) ? value['version'] : undefined
      );
    }
  }
  for (let index = 0, key = queue[0]; key !== undefined; key = queue[++index]) {
    const snapshot = snapshots[key];
    for (const field of graphFields) {
      // A snapshot's dependency is the resolved version alone.
      visit(isRecord(snapshot) ? snapshot[field] : undefined, (value) => value);
    }
  }
  return reached;
}

/**
 * The snapshot a dependency resolved to: `4.17.21` names `lodash@4.17.21`; an alias names its
 * package in full (`string-width@4.2.3`); `link:../lib` is a workspace folder, not a package.
 */
function snapshotKey(name: string, version: unknown): string | undefined {
  if (typeof version !== 'string' || version.startsWith('link:')) {
    return undefined;
  }
  return withoutPeers(version).indexOf('@', 1) > 0 ? version : `${name}@${version}`;
}

/** A key without its peer suffix in parentheses (lockfile 6 and later). */
export function withoutPeers(key: string): string {
  const open = key.indexOf('(');
  return open < 0 ? key : key.slice(0, open);
}
