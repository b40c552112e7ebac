import { describe, it } from 'vitest';
import { checkVectorFile, vectorsAvailable } from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

describe.skipIf(!vectorsAvailable)(
  'rpm against the osv-scalibr vectors (read from ../shared/data/version-vectors, absent elsewhere)',
  () => {
    it.each(['redhat-versions.txt'])(
      'orders every vector of %s as stated, and the reverse oppositely',
      (file) => {
        checkVectorFile(scheme, file);
      }
    );
  }
);
