import { Contrib, Models } from '@cyclonedx/cyclonedx-library';
import { canonicalExpression, spdxExpression } from '../shared/spdx-expression.js';

const factory = new Contrib.License.Factories.LicenseFactory((expression: string) => {
  if (canonicalExpression(expression) === undefined) {
    throw new RangeError('not an SPDX licence expression');
  }
});

/**
 * A package's licences for CycloneDX. Plain SPDX ids become `license.id` and anything else
 * `license.name`, one entry per licence, so nothing the package said is lost. Only licences
 * that need operators to say (`GPL-2.0+`, `MIT OR Apache-2.0`) become a single `expression`,
 * and only when every one of them parses: CycloneDX allows one expression or a list of
 * licences, never both.
 */
export function componentLicenses(licenses: readonly string[]): Models.LicenseRepository {
  const unique = [...new Set(licenses)];
  const entries = unique.map((license) => factory.makeDisjunctive(license));
  const allPlainIds = entries.every((entry) => entry instanceof Models.SpdxLicense);
  const expression = allPlainIds ? undefined : spdxExpression(unique);
  return new Models.LicenseRepository(
    expression === undefined ? entries : [factory.makeExpression(expression)]
  );
}
