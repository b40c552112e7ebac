import { InputError } from '../../../core/errors.js';
import type { AnalyzerResult } from '../../analyzer/types.js';
import { PackageSet } from './package-set.js';
import { decodeText, isRecord } from './read-document.js';
import { parseYamlDocuments } from './yaml-entries.js';
import { isLocal, parseDescriptor, type Descriptor } from './yarn-descriptor.js';

/**
 * `yarn.lock`, both formats. Yarn 2 and later (berry) write YAML that starts with a
 * `__metadata` mapping; yarn 1 (classic) writes its own indented format:
 *
 *     "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
 *       version "7.22.13"
 *
 * Neither says which packages are for development only; that is in package.json beside it,
 * which this analyzer does not see, so every entry is reported.
 */
export function readYarnLock(content: Buffer): AnalyzerResult {
  const text = decodeText(content);
  return /^__metadata:/m.test(text) ? readBerry(text) : readClassic(text);
}

function readBerry(text: string): AnalyzerResult {
  const [lock, ...more] = parseYamlDocuments(text);
  if (more.length > 0) {
    throw new InputError(`yarn.lock holds ${more.length + 1} YAML documents; yarn writes one`);
  }
  const set = new PackageSet();
  for (const [key, entry] of Object.entries(lock ?? {})) {
    if (key === '__metadata') {
      continue;
    }
    if (!isRecord(entry)) {
      set.skip('not a mapping', key);
      continue;
    }
    // The resolution names what was installed; the keys name what was asked for.
    const resolution = entry['resolution'];
    const descriptor = parseDescriptor(
      typeof resolution === 'string' ? resolution : (splitDescriptors(key)[0] ?? '')
    );
    addEntry(set, key, descriptor, entry['version']);
  }
  return set.result();
}

function readClassic(text: string): AnalyzerResult {
  const set = new PackageSet();
  let entry: { key: string; version?: string } | undefined;
  const finish = (): void => {
    if (entry !== undefined) {
      addEntry(
        set,
        entry.key,
        parseDescriptor(splitDescriptors(entry.key)[0] ?? ''),
        entry.version
      );
    }
  };
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.startsWith('#')) {
      continue;
    }
    if (!/^\s/.test(line)) {
      if (!line.endsWith(':')) {
        throw new InputError(`yarn.lock line ${index + 1} is neither an entry nor inside one`);
      }
      finish();
      entry = { key: line.slice(0, -1) };
      continue;
    }
    if (entry === undefined) {
      throw new InputError(`yarn.lock line ${index + 1} is indented outside any entry`);
    }
    // Only the entry's own field, two spaces in; deeper lines list its dependencies.
    const version = /^ {2}version:?\s+(.+)$/.exec(line)?.[1];
    if (version !== undefined) {
      entry.version = unquote(version.trim());
    }
  }
  finish();
  return set.result();
}

function addEntry(
  set: PackageSet,
  key: string,
  descriptor: Descriptor | undefined,
  version: unknown
): void {
  if (descriptor === undefined) {
    set.skip('key is not a package descriptor', key);
  } else if (isLocal(descriptor)) {
    return;
  } else if (typeof version !== 'string') {
    set.skip('no version', key);
  } else {
    set.addChecked(key, descriptor.name, version);
  }
}

/** `"a@^1", a@^1.1` → `a@^1`, `a@^1.1`: comma-separated, each maybe in double quotes. */
export function splitDescriptors(key: string): string[] {
  const descriptors: string[] = [];
  for (const match of key.matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|([^,]+))\s*(?:,|$)/g)) {
    const text = match[1] ?? match[2]?.trim() ?? '';
    if (text !== '') {
      descriptors.push(text.replace(/\\(.)/g, '$1'));
    }
  }
  return descriptors;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2
    ? value.slice(1, -1)
    : value;
}
