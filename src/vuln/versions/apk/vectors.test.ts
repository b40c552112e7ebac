import { describe, it } from 'vitest';
import { checkVectorFile, vectorsAvailable } from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

describe.skipIf(!vectorsAvailable)(
  'apk against the osv-scalibr vectors (read from ../shared/data/version-vectors, absent elsewhere)',
  () => {
    // The hand-written file probes what apk and osv-scalibr do with malformed versions; the
    // generated one holds real Alpine versions from OSV, every one of which must be read. A
    // vector that pairs a malformed version (`1.2_blah`, `.1`, `1-ruff`) is not ordered: this
    // scheme refuses malformed versions (readme.md, "Malformed versions"), so it must throw
    // InvalidVersionError both ways round, and it is counted apart.
    it.each([
      ['alpine-versions.txt', 32],
      ['alpine-versions-generated.txt', 0],
    ])(
      'orders every well-formed vector of %s as stated, and refuses the %i others',
      (file, malformed) => {
        checkVectorFile(scheme, file, [], { malformed });
      }
    );
  }
);
