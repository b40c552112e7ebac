import { InputError } from '../../../core/errors.js';
import type { AnalyzerResult } from '../../analyzer/types.js';
import { readLicenses } from './licenses.js';
import { isPackageName, isPlainVersion } from './package-set.js';
import { isRecord, parseJson } from './read-document.js';

/** A package's manifest is a few KiB; the largest on the registry stay well under this. */
export const maxManifestSize = 1024 * 1024;

/**
 * One installed package from the package.json at its root. The name is the manifest's, not the
 * folder's: an alias (`"x": "npm:y@1"`) installs y's code in `node_modules/x`, and y is what
 * advisories name.
 *
 * A manifest with neither name nor version is skipped: packages carry such files as stubs
 * (`{}` in a test fixture's node_modules), and they describe nothing installed. One with only
 * half of the pair, or with a value of the wrong kind, is malformed: a package is there and
 * cannot be named, which the scan must say.
 */
export function readInstalledPackage(content: Buffer): AnalyzerResult {
  if (content.length > maxManifestSize) {
    throw new InputError(
      `package.json is ${content.length} bytes, more than the ${maxManifestSize} read for an installed package`
    );
  }
  const manifest = parseJson(content);
  if (!isRecord(manifest)) {
    throw new InputError('package.json is not a JSON object');
  }
  const { name, version } = manifest;
  if (name === undefined && version === undefined) {
    return { packages: [] };
  }
  if (name === undefined) {
    throw new InputError('package.json has a version but no name');
  }
  if (typeof name !== 'string' || !isPackageName(name)) {
    throw new InputError('package.json name is not an npm package name');
  }
  if (version === undefined) {
    throw new InputError(`package.json of ${name} has no version`);
  }
  const trimmed = typeof version === 'string' ? version.trim() : '';
  if (!isPlainVersion(trimmed)) {
    throw new InputError(`package.json of ${name} has a version that is not a version string`);
  }
  return {
    packages: [{ type: 'npm', name, version: trimmed, licenses: readLicenses(manifest) }],
  };
}
