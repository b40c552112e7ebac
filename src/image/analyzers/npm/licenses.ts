import { isRecord } from './read-document.js';

/** More is not a licence list but noise; longer is not a licence name. */
const maxLicenses = 16;
const maxLicenseLength = 256;

/**
 * The licences a package.json (or a lock entry copied from one) declares, as written:
 * `license: "MIT"` or an SPDX expression `"(MIT OR Apache-2.0)"`, kept whole;
 * the legacy object `license: {type: "MIT", url}`; and the older `licenses` array of such
 * objects or of strings. `license` wins when both are present. A value of any other shape is
 * left out rather than failing the package: a licence is worth less than the package's name.
 */
export function readLicenses(manifest: Record<string, unknown>): string[] {
  const declared = manifest['license'] ?? manifest['licenses'];
  const values = Array.isArray(declared) ? declared : [declared];
  const names = new Set<string>();
  for (const value of values.slice(0, maxLicenses)) {
    const name = licenseName(value);
    if (name !== undefined) {
      names.add(name);
    }
  }
  return [...names];
}

function licenseName(value: unknown): string | undefined {
  const raw = isRecord(value) ? value['type'] : value;
  if (typeof raw !== 'string') {
    return undefined;
  }
  const name = raw.trim();
  return name !== '' && name.length <= maxLicenseLength && !/\p{Cc}/u.test(name) ? name : undefined;
}
