import { describe, it } from 'vitest';
import {
  checkVectorFile,
  vectorsAvailable,
  type KnownDisagreement,
} from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

const tooLarge =
  'NuGet reads each number as a 32-bit int (System.Version), so it refuses these versions';

/**
 * Vectors that NuGet.Versioning answers differently, with why. Each must still disagree, so the
 * list cannot go stale; readme.md explains them.
 */
const disagreements: readonly KnownDisagreement[] = [
  {
    file: 'nuget-versions.txt',
    line: 39,
    vector: '999999999999999999999999999991 < 999999999999999999999999999999',
    reason: tooLarge,
  },
  {
    file: 'nuget-versions.txt',
    line: 40,
    vector:
      '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < ' +
      '999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
    reason: tooLarge,
  },
];

describe.skipIf(!vectorsAvailable)(
  'nuget ordering vectors from ../shared/data/version-vectors (osv-scalibr)',
  () => {
    it('orders every vector of nuget-versions.txt, both ways round', () => {
      checkVectorFile(scheme, 'nuget-versions.txt', disagreements);
    });
  }
);
