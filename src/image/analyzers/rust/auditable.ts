import { inflateSync } from 'node:zlib';
import { z } from 'zod';
import { InputError } from '../../../core/errors.js';
import { parseJson } from '../../../core/parse.js';
import type { PackageRecord } from '../../../core/package.js';
import { findSection, sectionData, type ElfFile } from '../../elf/reader.js';
import { crate, skippedNote, type SkippedCrate } from './crate-sources.js';

/**
 * The dependency list cargo-auditable embeds in Rust programs: zlib-compressed JSON in the
 * `.dep-v0` section,
 *
 *     {"packages": [{"name", "version", "source", "kind", "dependencies": [indices], "root"}]}
 *
 * where `source` is `crates.io`, `git`, `local`, `registry` (another registry) or something
 * newer, and `kind` is `runtime` (the default, left out) or `build` (build scripts and
 * procedural macros, which run at build time and are not part of the program).
 */
export const depSectionName = '.dep-v0';

/** Far above real lists (a thousand crates is some 100 KiB); a bigger one is a bomb. */
export const maxInflatedSize = 8 * 1024 * 1024;

const AuditableDocument = z.looseObject({ packages: z.array(z.unknown()) });
const AuditablePackage = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().optional(),
  kind: z.string().optional(),
  root: z.boolean().optional(),
});

function inflate(compressed: Buffer): Buffer {
  try {
    return inflateSync(compressed, { maxOutputLength: maxInflatedSize });
  } catch (error) {
    const tooLarge =
      error instanceof RangeError ||
      (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_BUFFER_TOO_LARGE';
    throw new InputError(
      tooLarge
        ? `the ${depSectionName} dependency list inflates past ${maxInflatedSize / 1024 / 1024} MiB`
        : `the ${depSectionName} dependency list is not valid zlib data`,
      { cause: error }
    );
  }
}

export interface AuditableResult {
  packages: PackageRecord[];
  notes: string[];
}

/** The crates.io crates a cargo-auditable program lists; undefined when it lists none. */
export function readAuditable(bytes: Buffer, elf: ElfFile): AuditableResult | undefined {
  const section = findSection(elf, depSectionName);
  if (!section) {
    return undefined;
  }
  const document = parseJson(
    AuditableDocument,
    inflate(sectionData(bytes, section)),
    `the ${depSectionName} dependency list`
  );
  const packages: PackageRecord[] = [];
  const skipped: SkippedCrate[] = [];
  let unreadable = 0;
  for (const entry of document.packages) {
    const parsed = AuditablePackage.safeParse(entry);
    if (!parsed.success) {
      unreadable++;
      continue;
    }
    const { name, version, source, kind } = parsed.data;
    if ((kind ?? 'runtime') !== 'runtime') {
      continue;
    }
    if (source === 'crates.io') {
      packages.push(crate(name, version));
    } else if (source !== undefined && source !== 'local') {
      skipped.push({ name, version, origin: source === 'registry' ? 'another registry' : source });
    }
  }
  const notes: string[] = [];
  const skippedText = skippedNote(skipped);
  if (skippedText) {
    notes.push(skippedText);
  }
  if (unreadable > 0) {
    notes.push(
      `${unreadable} entr${unreadable === 1 ? 'y' : 'ies'} of the ${depSectionName} dependency list had no name or version`
    );
  }
  return { packages, notes };
}
