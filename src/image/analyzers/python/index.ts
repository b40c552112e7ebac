import { InputError } from '../../../core/errors.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { first, readHeaders } from './headers.js';
import { declaredLicenses } from './licenses.js';

/**
 * Where installers leave core metadata: wheels (`pip`, `uv`, Debian's dh-python with
 * pybuild) write `<name>-<version>.dist-info/METADATA`; setuptools writes
 * `<name>.egg-info/PKG-INFO`, or a single file `<name>.egg-info` (distutils), and unpacked
 * eggs hold `<name>.egg/EGG-INFO/PKG-INFO`. Only the directory and file names decide.
 */
export function isMetadataPath(path: string): boolean {
  // Asked of every file in every layer: the name alone rules out almost all of them.
  if (!path.endsWith('/METADATA') && !path.endsWith('/PKG-INFO') && !path.endsWith('.egg-info')) {
    return false;
  }
  const parts = path.split('/');
  const name = parts.at(-1) ?? '';
  const parent = parts.at(-2) ?? '';
  const grandparent = parts.at(-3) ?? '';
  return (
    (name === 'METADATA' && hasStem(parent, '.dist-info')) ||
    (name === 'PKG-INFO' && hasStem(parent, '.egg-info')) ||
    (name === 'PKG-INFO' && parent === 'EGG-INFO' && hasStem(grandparent, '.egg')) ||
    hasStem(name, '.egg-info')
  );
}

function hasStem(name: string, suffix: string): boolean {
  return name.length > suffix.length && name.endsWith(suffix);
}

/** PEP 508's project names: letters and digits, with `.`, `_`, `-` inside. */
const projectName = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** PEP 503: lower case, each run of `-`, `_` and `.` one `-`; how PyPI advisories are keyed. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A value for an error message: one line, short, since the file is someone else's. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const headers = readHeaders(file.content.toString('utf8'));
  const name = first(headers, 'name');
  const version = first(headers, 'version');
  if (name === undefined || version === undefined) {
    const missing = name === undefined ? 'Name' : 'Version';
    throw new InputError(`${file.path}: no ${missing} field in the metadata header`);
  }
  if (!projectName.test(name)) {
    throw new InputError(`${file.path}: Name ${quoted(name)} is not a Python project name`);
  }
  if (/\s/.test(version)) {
    throw new InputError(`${file.path}: Version ${quoted(version)} is not a version`);
  }
  return {
    packages: [
      { type: 'pypi', name: normalizeName(name), version, licenses: declaredLicenses(headers) },
    ],
  };
}

export const analyzer: Analyzer = {
  id: 'python',
  version: 1,
  onUnreadable: 'note',
  description: 'Python packages from *.dist-info/METADATA, *.egg-info and EGG-INFO/PKG-INFO',
  // The header is small, but the long description after it (a README) can be megabytes.
  maxFileSize: 16 * 1024 * 1024,
  wants: isMetadataPath,
  analyze,
};
