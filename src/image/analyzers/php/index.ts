import { z } from 'zod';
import { parseJson, parseValue } from '../../../core/parse.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { EntryList, readEntries, type Listed } from './entries.js';

/**
 * `vendor/composer/installed.json`: what Composer installed into a vendor folder. Composer 1
 * wrote a bare array; Composer 2 writes `{packages, dev, dev-package-names}`.
 */
const Installed2 = z.object({
  packages: EntryList,
  'dev-package-names': z.array(z.string()).optional(),
});

/** `composer.lock`: what `composer install` would install; `packages-dev` is not read. */
const Lock = z.object({ packages: EntryList });

const installedPath = /(^|\/)vendor\/composer\/installed\.json$/;
const lockPath = /(^|\/)composer\.lock$/;
/** A library's own lock file shipped inside vendor/ pins its development, not this install. */
const insideVendor = /(^|\/)vendor\//;

function readInstalled(file: AnalyzerFile): Listed {
  const what = `${file.path}: the installed list`;
  const document = parseJson(z.unknown(), file.content, what);
  // Told apart before the schema, so a fault is named against the shape the file has.
  if (Array.isArray(document)) {
    return readEntries(document, 'packages');
  }
  const installed = parseValue(Installed2, document, what);
  const dev = new Set(installed['dev-package-names']?.map((name) => name.toLowerCase()));
  return readEntries(installed.packages, 'packages', dev);
}

function readLock(file: AnalyzerFile): Listed {
  return readEntries(
    parseJson(Lock, file.content, `${file.path}: the lock file`).packages,
    'packages'
  );
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const { packages, notes } = installedPath.test(file.path) ? readInstalled(file) : readLock(file);
  return notes.length > 0 ? { packages, notes } : { packages };
}

export const analyzer: Analyzer = {
  id: 'php',
  version: 1,
  onUnreadable: 'note',
  description: 'PHP Composer packages from vendor/composer/installed.json and composer.lock',
  // Large applications' lock files reach a few MiB; installed.json is about as big.
  maxFileSize: 32 * 1024 * 1024,
  wants: (path) =>
    installedPath.test(path) ||
    (lockPath.test(path) && !insideVendor.test(path.slice(0, -'composer.lock'.length))),
  analyze,
};
