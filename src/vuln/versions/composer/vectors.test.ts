import { describe, it } from 'vitest';
import {
  checkVectorFile,
  vectorsAvailable,
  type KnownDisagreement,
} from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

const unnormalizable =
  'Composer cannot normalize a version here (`Invalid version string`), so no package can ' +
  'carry it and this scheme refuses it; the vector comes from PHP version_compare on raw text';
const padded =
  'Composer pads versions to four numbers first, so `X.Y` equals `X.Y.0` and is above ' +
  '`X.Y.0-beta`; the vector is PHP version_compare on raw text, which counts missing numbers';
const upperCase =
  'Composer reads `ALPHA` and `BETA` as alpha and beta; raw version_compare, which the ' +
  'vector comes from, knows only the lower-case forms and sorts others below `dev`';
const stable =
  'Composer drops a `-stable` suffix, so 5.1.0-stable is 5.1.0, above 5.1.0-beta2; raw ' +
  'version_compare, which the vector comes from, sorts the unknown word `stable` below `dev`';

/**
 * Vectors that Composer (checked against composer/semver 3.3 and PHP 8.2) answers differently,
 * with why: the vector files come from PHP's version_compare without Composer's normalization.
 * Each must still disagree, so the list cannot go stale; readme.md explains them.
 */
const disagreements: readonly KnownDisagreement[] = (
  [
    ['packagist-versions.txt', 72, '4.3-2RC1 < 4.3-2RC2', unnormalizable],
    ['packagist-versions.txt', 73, '4.3-2RC2 > 4.3-2beta5', unnormalizable],
    ['packagist-versions.txt', 74, '4.3-2 > 4.3-2beta1', unnormalizable],
    ['packagist-versions.txt', 75, '1.0.0 > 1.0', padded],
    ['packagist-versions.txt', 94, '1.2.3.# = 1.2.3', unnormalizable],
    ['packagist-versions.txt', 95, '1.2.3.# = 1.2.3.#', unnormalizable],
    ['packagist-versions.txt', 96, '1.2.3.# = 1.2.3.1', unnormalizable],
    ['packagist-versions.txt', 97, '1.2.3.#.1 > 1.2.3', unnormalizable],
    ['packagist-versions.txt', 98, '1.2.3.#.p3 > 1.2.3', unnormalizable],
    ['packagist-versions.txt', 99, '1.2.3.#.beta < 1.2.3', unnormalizable],
    [
      'packagist-versions.txt',
      106,
      '999999999999999999999999999991 < 999999999999999999999999999999',
      unnormalizable,
    ],
    [
      'packagist-versions.txt',
      107,
      '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < ' +
        '999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
      unnormalizable,
    ],
    ['packagist-versions-generated.txt', 1256, 'v3.0 < v3.0.0-beta', padded],
    ['packagist-versions-generated.txt', 1262, 'v3.4 < v3.4.0-alpha', padded],
    ['packagist-versions-generated.txt', 1278, 'v4-beta4 < v4.0-alpha', padded],
    ['packagist-versions-generated.txt', 5133, 'v1.9.0-ALPHA.1 = v1.9.0-BETA.1', upperCase],
    ['packagist-versions-generated.txt', 5134, 'v1.9.0-BETA.1 < v1.9.0-ALPHA.2', upperCase],
    ['packagist-versions-generated.txt', 5135, 'v1.9.0-ALPHA.2 = v1.9.0-BETA.2', upperCase],
    ['packagist-versions-generated.txt', 5313, '5.1.0-stable < 5.1.0-beta2', stable],
    ['packagist-versions-generated.txt', 7701, '0.0.1-test1 < 3.0.0-alpha4', unnormalizable],
    ['packagist-versions-generated.txt', 7815, '3.0.0b1 < 3.0.0b1.post1', unnormalizable],
    ['packagist-versions-generated.txt', 7816, '3.0.0b1.post1 < 3.0.0b1.post2', unnormalizable],
    ['packagist-versions-generated.txt', 7817, '3.0.0b1.post2 < 3.0.0b2', unnormalizable],
    ['packagist-versions-generated.txt', 7818, '3.0.0b2 < 3.0.0b2.post1', unnormalizable],
    ['packagist-versions-generated.txt', 7819, '3.0.0b2.post1 < 3.0.0b2.post2', unnormalizable],
    ['packagist-versions-generated.txt', 7820, '3.0.0b2.post2 < 3.0.0b3', unnormalizable],
    ['packagist-versions-generated.txt', 7823, '3.1.0 < 3.1.0.post1', unnormalizable],
    ['packagist-versions-generated.txt', 7824, '3.1.0.post1 < 3.2.0rc1', unnormalizable],
    ['packagist-versions-generated.txt', 7825, '3.2.0rc1 < 3.2.0rc1.post1', unnormalizable],
    ['packagist-versions-generated.txt', 7826, '3.2.0rc1.post1 < 3.2.0rc2', unnormalizable],
    ['packagist-versions-generated.txt', 7827, '3.4.0 < 3.5.0.post1', unnormalizable],
    ['packagist-versions-generated.txt', 7828, '3.5.0.post1 < 3.5.1', unnormalizable],
    ['packagist-versions-generated.txt', 7829, '3.5.2 < 3.5.2.post1', unnormalizable],
    ['packagist-versions-generated.txt', 7830, '3.5.2.post1 < 3.6.0', unnormalizable],
    ['packagist-versions-generated.txt', 8210, 'v4.4 < v4.4.0-beta', padded],
    ['packagist-versions-generated.txt', 8245, 'v6.5 < v6.5.0-beta-0', padded],
    ['packagist-versions-generated.txt', 8251, 'v6.6 < v6.6.0-beta', padded],
    ['packagist-versions-generated.txt', 10111, '1.5 < 1.5.1.dev100', unnormalizable],
    ['packagist-versions-generated.txt', 10112, '1.5.1.dev100 < 1.5.1.dev101', unnormalizable],
    ['packagist-versions-generated.txt', 10113, '1.5.1.dev101 < 1.5.1a1', unnormalizable],
  ] as const
).map(([file, line, vector, reason]) => ({ file, line, vector, reason }));

describe.skipIf(!vectorsAvailable)(
  'composer ordering vectors from ../shared/data/version-vectors (osv-scalibr)',
  () => {
    it('orders every vector of packagist-versions.txt, both ways round', () => {
      checkVectorFile(scheme, 'packagist-versions.txt', disagreements);
    });

    it('orders every vector of packagist-versions-generated.txt, both ways round', () => {
      checkVectorFile(scheme, 'packagist-versions-generated.txt', disagreements);
    });
  }
);
