import { InputError } from '../../../core/errors.js';
import type { AnalyzerResult } from '../../analyzer/types.js';
import { PackageSet } from './package-set.js';
import { decodeText, entriesOf, isRecord } from './read-document.js';
import { developmentOnly, withoutPeers } from './pnpm-graph.js';
import { parseYamlDocuments } from './yaml-entries.js';

/**
 * `pnpm-lock.yaml`. Each entry of `packages` is one resolved package; its key changed with
 * the lockfile version:
 *
 * | lockfileVersion | key                        | peer dependencies resolved as     |
 * | --------------- | -------------------------- | --------------------------------- |
 * | 5.x (and older) | `/name/1.2.3`              | `/name/1.2.3_react@18.2.0`        |
 * | 6.x             | `/name@1.2.3`              | `/name@1.2.3(react@18.2.0)`       |
 * | 9.x             | `name@1.2.3`, no slash     | only in `snapshots`               |
 *
 * Entries from a git host or a tarball also carry `name` and `version` fields, which win over
 * the key. Local folders (`resolution: {directory}`) are the project's own code and are left
 * out. pnpm 11 and later may write two documents, the env lockfile (pnpm itself and config
 * dependencies, installed too) and the project's; both are read.
 */
export function readPnpmLock(content: Buffer): AnalyzerResult {
  const set = new PackageSet();
  for (const lock of parseYamlDocuments(decodeText(content))) {
    readDocument(lock, set);
  }
  return set.result();
}

function readDocument(lock: Record<string, unknown>, set: PackageSet): void {
  const major = lockfileMajor(lock['lockfileVersion']);
  const dropped = major >= 9 ? developmentOnly(lock) : new Set<string>();
  for (const [key, entry] of entriesOf(lock['packages'], 'packages')) {
    if (!isRecord(entry)) {
      set.skip('not a mapping', key);
      continue;
    }
    // 5.x and 6.x mark development-only packages; 9.x leaves it to the importers' graph.
    if (entry['dev'] === true || dropped.has(withoutPeers(key))) {
      continue;
    }
    if (isRecord(entry['resolution']) && entry['resolution']['directory'] !== undefined) {
      continue;
    }
    const fromKey = major < 6 ? slashKey(key) : atKey(key);
    const name = entry['name'] ?? fromKey?.name;
    const version = entry['version'] ?? fromKey?.version;
    if (typeof name !== 'string' || typeof version !== 'string') {
      set.skip('key names no package and version', key);
      continue;
    }
    set.addChecked(key, name, version);
  }
}

function lockfileMajor(value: unknown): number {
  const major = typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN;
  if (Number.isNaN(major)) {
    throw new InputError('pnpm-lock.yaml has no lockfileVersion');
  }
  return major;
}

/** `/@babel/core/7.22.0_supports-color@5.5.0` → `@babel/core`, `7.22.0`. */
function slashKey(key: string): { name: string; version: string } | undefined {
  const parts = withoutPeers(key).replace(/^\//, '').split('/');
  const scoped = parts[0]?.startsWith('@') === true;
  const [name, version] = scoped
    ? [`${parts[0] ?? ''}/${parts[1] ?? ''}`, parts[2]]
    : [parts[0], parts[1]];
  if (parts.length !== (scoped ? 3 : 2) || name === undefined || version === undefined) {
    return undefined;
  }
  return { name, version: version.replace(/_.*$/, '') };
}

/** `/@babel/core@7.22.0(supports-color@5.5.0)` or, from 9.0, without the slash. */
function atKey(key: string): { name: string; version: string } | undefined {
  const bare = withoutPeers(key).replace(/^\//, '');
  const at = bare.indexOf('@', 1);
  return at > 0 ? { name: bare.slice(0, at), version: bare.slice(at + 1) } : undefined;
}
