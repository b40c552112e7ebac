import { describe, it } from 'vitest';
import {
  checkVectorFile,
  vectorsAvailable,
  type KnownDisagreement,
} from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

const beforeMng7644 =
  'generated with maven-artifact 3.8.6; since MNG-7644 (3.8.7 and 3.9.0) a `.X1` qualifier ' +
  'reads as `-X1`, so Maven 3.9 orders this pair the other way';

/**
 * Vectors that Maven 3.9's ComparableVersion (checked against maven-artifact 3.9.6) answers
 * differently, with why. Each must still disagree, so the list cannot go stale; readme.md
 * explains them.
 */
const disagreements: readonly KnownDisagreement[] = [
  {
    file: 'maven-versions.txt',
    line: 100,
    vector: '1-1 = 1-ga-1',
    reason:
      'the POM reference says equal, but ComparableVersion 3.9 trims `ga` and keeps a nested ' +
      'list, so 1-1 > 1-ga-1',
  },
  ...[
    [2781, '1.0.0-RC16 < 1.0.0.RC8-beta'],
    [2786, '1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3'],
    [5776, '2.9.0-1 < 2.9.0.RC1'],
    [9949, '6.1.12.rc5 < 6.1.12rc1'],
    [11435, '1.1.31.sec10 < 1.1.31_noneautotype'],
    [11450, '1.1.34.sec10 < 1.1.34_noneautotype'],
    [11476, '1.1.46.sec10 < 1.1.46_noneautotype'],
    [11526, '1.2.8.sec10_noneautotype < 1.2.8_noneautotype'],
    [11557, '1.2.31.sec10 < 1.2.31_noneautotype'],
    [11578, '1.2.48.sec10 < 1.2.48_noneautotype'],
    [11582, '1.2.50.sec10 < 1.2.50_noneautotype'],
    [11594, '1.2.54.sec10 < 1.2.54_noneautotype'],
    [11602, '1.2.57.sec10 < 1.2.57_noneautotype'],
    [11612, '1.2.60.sec10 < 1.2.60_noneautotype'],
    [11621, '1.2.67.sec10 < 1.2.67_noneautotype'],
    [11687, '1.0.0rc0 < 1.0.beta8'],
    [11748, '1.5.9.RC1 < 1.5.9-RC0'],
    [12642, '1.1.0-01-glassfish < 1.1.0.Beta1'],
  ].map(([line, vector]) => ({
    file: 'maven-versions-generated.txt',
    line: Number(line),
    vector: String(vector),
    reason: beforeMng7644,
  })),
];

describe.skipIf(!vectorsAvailable)(
  'maven ordering vectors from ../shared/data/version-vectors (osv-scalibr)',
  () => {
    it('orders every vector of maven-versions.txt, both ways round', () => {
      checkVectorFile(scheme, 'maven-versions.txt', disagreements);
    });

    it('orders every vector of maven-versions-generated.txt, both ways round', () => {
      checkVectorFile(scheme, 'maven-versions-generated.txt', disagreements);
    });
  }
);
