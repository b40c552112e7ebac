import { describe, it } from 'vitest';
import {
  checkVectorFile,
  vectorsAvailable,
  type KnownDisagreement,
} from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

const malformed =
  'Gem::Version refuses the version (`Malformed version number string`): letters may only ' +
  'follow a `.` or a `-`, so RubyGems cannot hold it';

/**
 * Vectors that Gem::Version (checked against RubyGems 3.3) answers differently, with why.
 * Each must still disagree, so the list cannot go stale; readme.md explains them.
 */
const disagreements: readonly KnownDisagreement[] = [
  { file: 'rubygems-versions.txt', line: 3, vector: '1 > 1beta', reason: malformed },
  { file: 'rubygems-versions.txt', line: 27, vector: '1 > 1gamma', reason: malformed },
];

describe.skipIf(!vectorsAvailable)(
  'rubygems ordering vectors from ../shared/data/version-vectors (osv-scalibr)',
  () => {
    it('orders every vector of rubygems-versions.txt, both ways round', () => {
      checkVectorFile(scheme, 'rubygems-versions.txt', disagreements);
    });

    it('orders every vector of rubygems-versions-generated.txt, both ways round', () => {
      checkVectorFile(scheme, 'rubygems-versions-generated.txt', disagreements);
    });
  }
);
