import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import { InputError } from '../../../core/errors.js';
import { parseValue } from '../../../core/parse.js';
import type { PackageRecord } from '../../../core/package.js';
import { crate, skippedNote, type SkippedCrate } from './crate-sources.js';

/**
 * Cargo.lock, every format cargo has written (v1 to v4 differ in checksums and dependency
 * spelling, not in the `[[package]]` tables read here):
 *
 *     [[package]]
 *     name = "serde"
 *     version = "1.0.195"
 *     source = "registry+https://github.com/rust-lang/crates.io-index"
 *
 * A package without `source` is a path crate (a workspace member); `git+…` is a git checkout;
 * `registry+…` or `sparse+…` with another index is another registry.
 */
export const maxLockSize = 32 * 1024 * 1024;

const crateIndexes = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io',
]);

const LockFile = z.looseObject({
  version: z.number().optional(),
  package: z.array(z.unknown()).optional(),
});
const LockPackage = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().optional(),
});

function isCratesIo(source: string): boolean {
  return crateIndexes.has(source.replace(/\/+$/, ''));
}

function originOf(source: string): string {
  return source.startsWith('git+') ? 'git' : 'another registry';
}

function parseToml(text: string): unknown {
  try {
    // Cargo writes flat tables; a deep nesting is not a Cargo.lock.
    return parse(text, { maxDepth: 16, unsafeKeyBehaviour: 'drop' });
  } catch (error) {
    // The message's code frame quotes the file: only its first line and the position are kept.
    const where =
      error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
    throw new InputError(`Cargo.lock is not valid TOML${where}: ${reason}`, { cause: error });
  }
}

export function parseCargoLock(content: Buffer): { packages: PackageRecord[]; notes: string[] } {
  if (content.length > maxLockSize) {
    throw new InputError(`Cargo.lock is larger than ${maxLockSize / 1024 / 1024} MiB`);
  }
  const lock = parseValue(LockFile, parseToml(content.toString('utf8')), 'Cargo.lock');
  const packages: PackageRecord[] = [];
  const skipped: SkippedCrate[] = [];
  let unreadable = 0;
  for (const entry of lock.package ?? []) {
    const parsed = LockPackage.safeParse(entry);
    if (!parsed.success) {
      unreadable++;
      continue;
    }
    const { name, version, source } = parsed.data;
    if (source === undefined) {
      continue;
    }
    if (isCratesIo(source)) {
      packages.push(crate(name, version));
    } else {
      skipped.push({ name, version, origin: originOf(source) });
    }
  }
  const notes: string[] = [];
  const skippedText = skippedNote(skipped);
  if (skippedText) {
    notes.push(skippedText);
  }
  if (unreadable > 0) {
    notes.push(
      `${unreadable} [[package]] entr${unreadable === 1 ? 'y' : 'ies'} had no name or version`
    );
  }
  return { packages, notes };
}
