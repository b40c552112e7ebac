import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeError, InputError, NotFoundError } from '../../../core/errors.js';
import { download, isHttpUrl } from '../../source/download.js';
import type { AdvisorySource, SourceContext, SourceItem } from '../../source/types.js';
import { convertUpdate } from './convert.js';
import { readText } from './text-stream.js';
import { readUpdates } from './updateinfo-parser.js';

/**
 * Amazon Linux Security Advisories from a yum repository's `updateinfo.xml` (or `.xml.gz`),
 * as a file or an `http(s)` URL. The release each advisory belongs to is read from its id
 * (`ALAS2-…` is Amazon Linux 2), so one file needs nothing else to be understood.
 */
export const source: AdvisorySource<SourceItem> = {
  id: 'alas',
  description:
    'Amazon Linux security advisories (ALAS) from a yum updateinfo.xml or .xml.gz file or http(s) URL',
  read,
};

async function* read(location: string, context: SourceContext): AsyncGenerator<SourceItem> {
  if (isHttpUrl(location)) {
    const file = await download(location, context);
    yield* readFile(file.path, file.name, context);
    return;
  }
  const path = resolve(location);
  await checkFile(path, location);
  yield* readFile(path, basename(path), context);
}

async function* readFile(
  path: string,
  name: string,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  for await (const update of readUpdates(readText(path, name, context), name)) {
    const conversion = convertUpdate(update, name);
    if (conversion.kind === 'skipped') {
      context.logger.debug(
        {
          origin: `${name}:update ${update.index}`,
          id: update.id?.slice(0, 64),
          reason: conversion.reason,
        },
        'alas: skipping an update'
      );
      continue;
    }
    yield* conversion.items;
  }
}

/** The location itself may be a symbolic link: the user named it, so it is followed. */
async function checkFile(path: string, location: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotFoundError(`${location} does not exist`, { cause: error });
    }
    throw new InputError(`${location} cannot be read: ${describeError(error)}`, { cause: error });
  }
  if (!isFile) {
    throw new InputError(`${location} is not a file; give the updateinfo.xml or .xml.gz itself`);
  }
}
