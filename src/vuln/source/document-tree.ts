import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, InputError } from '../../core/errors.js';
import { readCapped } from './read-capped.js';
import type { SourceContext, SourceItem } from './types.js';

export interface DocumentTreeOptions<Format> {
  /** The format a file name says it is in, or undefined for a file the source does not read. */
  formatOf: (name: string) => Format | undefined;
  maxBytes: number;
  /** What one file is, for the size message: `one record`, `one secdb file`. */
  unit: string;
  /** The source's id, for debug logs. */
  source: string;
}

export interface TreeDocument<Format> {
  kind: 'document';
  /** Relative to the folder given, with `/`: `v3.11/main.yaml`, the origin of its items. */
  relative: string;
  format: Format;
  bytes: Buffer;
}

/**
 * The documents of a feed kept as a folder tree, one file at a time, in a fixed order (names
 * sorted by code unit at each level, depth first), so two imports of one tree report the same
 * things in the same order. A file that cannot be read, or is over the cap, is an error item
 * and the walk goes on.
 */
export async function* walkDocuments<Format>(
  root: string,
  context: SourceContext,
  options: DocumentTreeOptions<Format>
): AsyncGenerator<TreeDocument<Format> | SourceItem> {
  for await (const file of findFiles(root, '', context, options)) {
    context.signal?.throwIfAborted();
    let read;
    try {
      read = await readCapped(file.path, options.maxBytes);
    } catch (error) {
      yield {
        kind: 'error',
        origin: file.relative,
        message: `cannot be read: ${describeError(error)}`,
      };
      continue;
    }
    if (!read.ok) {
      const message = `is ${read.size} bytes, over the ${options.maxBytes}-byte cap for ${options.unit}`;
      yield { kind: 'error', origin: file.relative, message };
      continue;
    }
    yield { kind: 'document', relative: file.relative, format: file.format, bytes: read.bytes };
  }
}

/**
 * Symbolic links are never followed: a link could lead out of the tree or into a loop, and an
 * advisory feed has no reason to contain one. Hidden entries (`.git`, `.github`, an editor's
 * swap file) are skipped too: they hold repository machinery such as CI workflow YAML, never
 * advisories.
 */
async function* findFiles<Format>(
  dir: string,
  relative: string,
  context: SourceContext,
  options: DocumentTreeOptions<Format>
): AsyncGenerator<{ path: string; relative: string; format: Format }> {
  for (const entry of await listSorted(dir, relative)) {
    const path = join(dir, entry.name);
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const format = options.formatOf(entry.name);
    if (entry.name.startsWith('.')) {
      context.logger.debug(
        { path: childRelative, source: options.source },
        'skipping a hidden entry'
      );
    } else if (entry.isSymbolicLink()) {
      context.logger.debug(
        { path: childRelative, source: options.source },
        'not following a symbolic link'
      );
    } else if (entry.isDirectory()) {
      yield* findFiles(path, childRelative, context, options);
    } else if (entry.isFile() && format !== undefined) {
      yield { path, relative: childRelative, format };
    } else {
      context.logger.debug(
        { path: childRelative, source: options.source },
        'skipping a file it does not read'
      );
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
