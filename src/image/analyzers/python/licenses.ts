import { first, type Headers } from './headers.js';

/** Longer `License:` values are licence texts pasted into the field, not names. */
const maxLicenseName = 120;
const classifierPrefix = 'License :: ';

/**
 * The licences a core-metadata file declares, best source first:
 *
 * 1. `License-Expression` (metadata 2.4, PEP 639): an SPDX expression, kept whole.
 * 2. `License`: free text, kept when it is one short line and not `UNKNOWN` (setuptools'
 *    placeholder). Many projects paste the whole licence text here; that is skipped.
 * 3. `Classifier: License :: …`: the classifier's last part (`MIT License`,
 *    `Apache Software License`), each once, in file order.
 */
export function declaredLicenses(headers: Headers): string[] {
  const expression = first(headers, 'license-expression');
  if (expression !== undefined && !expression.includes('\n')) {
    return [expression];
  }
  const license = first(headers, 'license');
  if (
    license !== undefined &&
    !license.includes('\n') &&
    license.length <= maxLicenseName &&
    license.toUpperCase() !== 'UNKNOWN'
  ) {
    return [license];
  }
  const names = (headers.get('classifier') ?? [])
    .filter((classifier) => classifier.startsWith(classifierPrefix))
    .map((classifier) => classifier.split('::').pop()?.trim() ?? '')
    .filter((name) => name !== '' && name !== 'OSI Approved');
  return [...new Set(names)];
}
