import { InputError } from '../../../core/errors.js';
import type { AnalyzerResult } from '../../analyzer/types.js';
import { readLicenses } from './licenses.js';
import { PackageSet } from './package-set.js';
import { entriesOf, isRecord, parseJson } from './read-document.js';

/** npm trees are rarely 30 deep; a v1 lock nested deeper than this was made to hurt. */
export const maxNesting = 256;

/**
 * `package-lock.json` and `npm-shrinkwrap.json`. Version 2 and 3 locks list every installed
 * folder in `packages`, keyed by its path; version 1 (npm 5 and 6, and shrinkwraps before it)
 * nests `dependencies` the way node_modules nests. Version 2 carries both: `packages` is read.
 *
 * Development-only packages (`dev: true`) are left out, as Trivy leaves them out: a production
 * image is built with `npm ci --omit=dev`, and one that was not still shows them through the
 * package.json files in its node_modules. `devOptional` packages stay: npm installs them
 * unless both dev and optional dependencies are omitted.
 */
export function readPackageLock(content: Buffer): AnalyzerResult {
  const lock = parseJson(content);
  if (!isRecord(lock)) {
    throw new InputError('lock file is not a JSON object');
  }
  const set = new PackageSet();
  if (lock['packages'] !== undefined) {
    readPackages(entriesOf(lock['packages'], 'packages'), set);
  } else {
    readDependencies(entriesOf(lock['dependencies'], 'dependencies'), set);
  }
  return set.result();
}

function readPackages(entries: [string, unknown][], set: PackageSet): void {
  for (const [key, entry] of entries) {
    const segments = key.split('/');
    const last = segments.lastIndexOf('node_modules');
    // "" is the project itself; a key without node_modules is a workspace folder, the
    // project's own code, which its `link: true` entry points to.
    if (last < 0) {
      continue;
    }
    if (!isRecord(entry)) {
      set.skip('not an object', key);
      continue;
    }
    if (entry['link'] === true || entry['dev'] === true) {
      continue;
    }
    const name = entry['name'] ?? segments.slice(last + 1).join('/');
    const version = entry['version'];
    if (typeof name !== 'string' || typeof version !== 'string') {
      set.skip('no name and version', key);
      continue;
    }
    set.addChecked(key, name, version, readLicenses(entry));
  }
}

/** Walks the nested v1 tree breadth first, without recursion. */
function readDependencies(top: [string, unknown][], set: PackageSet): void {
  const queue = [{ entries: top, depth: 1 }];
  for (let index = 0, next = queue[0]; next !== undefined; next = queue[++index]) {
    if (next.depth > maxNesting) {
      throw new InputError(`dependencies nest deeper than ${maxNesting} levels`);
    }
    for (const [key, entry] of next.entries) {
      if (!isRecord(entry)) {
        set.skip('not an object', key);
        continue;
      }
      // A development dependency's own dependencies are development-only too.
      if (entry['dev'] === true) {
        continue;
      }
      addV1Entry(key, entry, set);
      const nested = entry['dependencies'];
      if (isRecord(nested)) {
        queue.push({ entries: Object.entries(nested), depth: next.depth + 1 });
      } else if (nested !== undefined) {
        set.skip('its dependencies are not an object', key);
      }
    }
  }
}

/** An alias reads `"x": {"version": "npm:y@1.0.0"}`: the package is y. */
function addV1Entry(key: string, entry: Record<string, unknown>, set: PackageSet): void {
  const version = entry['version'];
  if (typeof version !== 'string') {
    set.skip('no name and version', key);
    return;
  }
  const alias = /^npm:(.+?)@([^@]+)$/.exec(version);
  set.addChecked(key, alias?.[1] ?? key, alias?.[2] ?? version);
}
