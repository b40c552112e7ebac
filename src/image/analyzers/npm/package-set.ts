import type { PackageRecord } from '../../../core/package.js';
import type { AnalyzerResult } from '../../analyzer/types.js';
import { printable } from './read-document.js';

/** npm's own limit for a package name. */
const maxNameLength = 214;
const maxVersionLength = 256;
/** Entries a note names before it only counts the rest. */
const namedInNote = 5;
const maxLabelLength = 120;

/** `lodash`, `@babel/core`: one optional scope, one name, no spaces, no extra `@` or `/`. */
export function isPackageName(name: string): boolean {
  return name.length <= maxNameLength && /^(?:@[^\s/@\p{Cc}]+\/)?[^\s/@\p{Cc}]+$/u.test(name);
}

/**
 * A version the registry could have served: no URL, path or git spec (`git+https://…`,
 * `file:../lib`), which name a source, not a release any advisory can speak of.
 */
export function isPlainVersion(version: string): boolean {
  return version !== '' && version.length <= maxVersionLength && !/[\s:/\\\p{Cc}]/u.test(version);
}

/**
 * One file's packages, each name@version once (a lock lists a package at every place it is
 * installed), and a count of the entries left out and why, for the file's notes.
 */
export class PackageSet {
  readonly #packages = new Map<string, PackageRecord>();
  readonly #skipped = new Map<string, { count: number; labels: string[] }>();

  add(name: string, version: string, licenses: string[] = []): void {
    const key = `${name}@${version}`;
    if (!this.#packages.has(key)) {
      this.#packages.set(key, { type: 'npm', name, version, licenses });
    }
  }

  /** Checks a name and version read from a lock entry, adding the package or the reason. */
  addChecked(entry: string, name: string, version: string, licenses: string[] = []): void {
    if (!isPackageName(name)) {
      this.skip('name is not an npm package name', entry);
    } else if (!isPlainVersion(version)) {
      this.skip('version is not a registry release', entry);
    } else {
      this.add(name, version, licenses);
    }
  }

  skip(reason: string, entry: string): void {
    const skipped = this.#skipped.get(reason) ?? { count: 0, labels: [] };
    skipped.count += 1;
    if (skipped.labels.length < namedInNote) {
      skipped.labels.push(label(entry));
    }
    this.#skipped.set(reason, skipped);
  }

  result(): AnalyzerResult {
    const notes = [...this.#skipped].map(([reason, { count, labels }]) => {
      const more = count > labels.length ? `, and ${count - labels.length} more` : '';
      const entries = count === 1 ? 'entry' : 'entries';
      return `${count} ${entries} left out (${reason}): ${labels.join(', ')}${more}`;
    });
    const packages = [...this.#packages.values()];
    return notes.length > 0 ? { packages, notes } : { packages };
  }
}

function label(entry: string): string {
  const text = printable(entry);
  return text.length > maxLabelLength ? `${text.slice(0, maxLabelLength)}…` : text;
}
