import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, InputError } from '../../../core/errors.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { formatOf, itemsFromDocument, type DocumentFormat } from './documents.js';
import { maxRecordBytes } from './limits.js';
import { readCapped } from '../../source/read-capped.js';

interface FoundFile {
  path: string;
  /** Relative to the directory that was given, with `/`: the origin of its items. */
  relative: string;
  format: DocumentFormat;
}

/**
 * Every OSV record under `root`, one file at a time, in a fixed order (names sorted by code
 * unit at each level, depth first), so two imports of the same tree report the same things in
 * the same order.
 */
export async function* readDirectory(
  root: string,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  for await (const file of findFiles(root, '', context)) {
    context.signal?.throwIfAborted();
    let read;
    try {
      read = await readCapped(file.path, maxRecordBytes);
    } catch (error) {
      // One unreadable file is reported like one malformed file, and the walk goes on.
      const message = `cannot be read: ${describeError(error)}`;
      yield { kind: 'error', origin: file.relative, message };
      continue;
    }
    if (!read.ok) {
      yield {
        kind: 'error',
        origin: file.relative,
        message: `is ${read.size} bytes, over the ${maxRecordBytes}-byte cap for one record`,
      };
      continue;
    }
    yield* itemsFromDocument(read.bytes, file.format, file.relative);
  }
}

/**
 * Symbolic links are never followed: a link could lead out of the tree or into a loop, and an
 * advisory database has no reason to contain one. Hidden entries (`.git`, `.github`, an
 * editor's swap file) are skipped too: they hold repository machinery such as CI workflow
 * YAML, never advisories.
 */
async function* findFiles(
  dir: string,
  relative: string,
  context: SourceContext
): AsyncGenerator<FoundFile> {
  for (const entry of await listSorted(dir, relative)) {
    const path = join(dir, entry.name);
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const format = formatOf(entry.name);
    if (entry.name.startsWith('.')) {
      context.logger.debug({ path: childRelative }, 'osv: skipping a hidden entry');
    } else if (entry.isSymbolicLink()) {
      context.logger.debug({ path: childRelative }, 'osv: not following a symbolic link');
    } else if (entry.isDirectory()) {
      yield* findFiles(path, childRelative, context);
    } else if (entry.isFile() && format) {
      yield { path, relative: childRelative, format };
    } else {
      context.logger.debug({ path: childRelative }, 'osv: skipping a file that is not OSV');
    }
  }
}

/**
 * A folder that cannot be listed fails the whole source: it may hold any number of records,
 * and an import missing them must not pass for complete.
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
