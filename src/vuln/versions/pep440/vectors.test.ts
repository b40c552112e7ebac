import { describe, it } from 'vitest';
import {
  checkVectorFile,
  vectorsAvailable,
  type KnownDisagreement,
} from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

/** Vectors this scheme answers differently: none; legacy versions follow packaging 21. */
const disagreements: readonly KnownDisagreement[] = [];

describe.skipIf(!vectorsAvailable)(
  'pep440 ordering vectors from ../shared/data/version-vectors (osv-scalibr)',
  () => {
    it('orders every vector of pypi-versions.txt, both ways round', () => {
      checkVectorFile(scheme, 'pypi-versions.txt', disagreements);
    });

    it('orders every vector of pypi-versions-generated.txt, both ways round', () => {
      checkVectorFile(scheme, 'pypi-versions-generated.txt', disagreements);
    });
  }
);
