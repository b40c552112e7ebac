import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { readInstalledPackage } from './installed-package.js';
import { readPackageLock } from './package-lock.js';
import { fileKind } from './paths.js';
import { readPnpmLock } from './pnpm-lock.js';
import { readYarnLock } from './yarn-lock.js';

function analyze(file: AnalyzerFile): AnalyzerResult {
  switch (fileKind(file.path)) {
    case 'installed':
      return readInstalledPackage(file.content);
    case 'package-lock':
      return readPackageLock(file.content);
    case 'yarn-lock':
      return readYarnLock(file.content);
    case 'pnpm-lock':
      return readPnpmLock(file.content);
    case undefined:
      return {};
  }
}

export const analyzer: Analyzer = {
  id: 'npm',
  version: 1,
  onUnreadable: 'note',
  description:
    'npm packages from package.json in node_modules and from package-lock.json, npm-shrinkwrap.json, yarn.lock and pnpm-lock.yaml',
  // Lock files of large monorepos run to tens of MiB; package.json is capped at 1 MiB inside.
  maxFileSize: 64 * 1024 * 1024,
  wants: (path) => fileKind(path) !== undefined,
  analyze,
};
