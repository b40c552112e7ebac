import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, InputError } from '../../../core/errors.js';
import { readCapped } from '../../source/read-capped.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { addDocument } from './document.js';
import type { FixTable } from './fix-table.js';
import { maxFileBytes } from './limits.js';
import { formatOfName, type SecdbFormat } from './parse-text.js';

interface FoundFile {
  path: string;
  /** Relative to the directory given, with `/`: `v3.11/main.yaml`, the origin of its items. */
  relative: string;
  format: SecdbFormat;
}

/**
 * Adds every secdb file under `root` to the table, one file at a time, in a fixed order
 * (names sorted by code unit at each level, depth first). Both layouts are read: one folder
 * per release (`v3.11/main.yaml`) and flat files. The release comes from each file's
 * `distroversion`, never from its folder's name. Yields the error items.
 */
export async function* addDirectory(
  root: string,
  table: FixTable,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  for await (const file of findFiles(root, '', context)) {
    context.signal?.throwIfAborted();
    let read;
    try {
      read = await readCapped(file.path, maxFileBytes);
    } catch (error) {
      // One unreadable file is reported like one malformed file, and the walk goes on.
      const message = `cannot be read: ${describeError(error)}`;
      yield { kind: 'error', origin: file.relative, message };
      continue;
    }
    if (!read.ok) {
      const message = `is ${read.size} bytes, over the ${maxFileBytes}-byte cap for one secdb file`;
      yield { kind: 'error', origin: file.relative, message };
      continue;
    }
    yield* addDocument(read.bytes, file.format, file.relative, table);
  }
}

/**
 * Symbolic links are not followed (they could lead out of the tree or into a loop), and
 * hidden entries (`.git`, `.github`) are skipped: they hold repository machinery, such as CI
 * YAML, never secdb files.
 */
async function* findFiles(
  dir: string,
  relative: string,
  context: SourceContext
): AsyncGenerator<FoundFile> {
  for (const entry of await listSorted(dir, relative)) {
    const path = join(dir, entry.name);
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const format = formatOfName(entry.name);
    if (entry.name.startsWith('.')) {
      context.logger.debug({ path: childRelative }, 'alpine-secdb: skipping a hidden entry');
    } else if (entry.isSymbolicLink()) {
      context.logger.debug({ path: childRelative }, 'alpine-secdb: not following a link');
    } else if (entry.isDirectory()) {
      yield* findFiles(path, childRelative, context);
    } else if (entry.isFile() && format) {
      yield { path, relative: childRelative, format };
    } else {
      context.logger.debug({ path: childRelative }, 'alpine-secdb: skipping a file');
    }
  }
}

/**
 * A folder that cannot be listed fails the whole source: it may hold a release's fixes, and
 * an import missing them must not pass for complete.
 */
async function listSorted(dir: string, relative: string): Promise<Dirent[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const name = relative === '' ? dir : relative;
    throw new InputError(`cannot list the folder ${name}: ${describeError(error)}`, {
      cause: error,
    });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
