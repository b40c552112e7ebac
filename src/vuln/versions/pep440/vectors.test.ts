import { describe, expect, it } from 'vitest';
import {
  expectedSign,
  readVectors,
  vectorsAvailable,
  type VersionVector,
} from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

interface Disagreement {
  readonly file: string;
  readonly line: number;
  readonly vector: string;
  readonly reason: string;
}

/** Vectors this scheme answers differently: none; legacy versions follow packaging 21. */
const disagreements: readonly Disagreement[] = [];

/** What is wrong with the scheme's answer to a vector, or undefined when it is right. */
function problem(vector: VersionVector): string | undefined {
  let forward: number;
  let backward: number;
  try {
    forward = Math.sign(scheme.compare(vector.a, vector.b));
    backward = Math.sign(scheme.compare(vector.b, vector.a));
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
  if (forward !== expectedSign(vector.op)) {
    return `compare gave ${forward}`;
  }
  return backward === -forward ? undefined : `reversed, compare gave ${backward}`;
}

function checkFile(file: string): void {
  const vectors = readVectors(file);
  const known = disagreements.filter((entry) => entry.file === file);
  const failures: string[] = [];
  for (const vector of vectors) {
    const text = `${vector.a} ${vector.op} ${vector.b}`;
    const found = problem(vector);
    const listed = known.find((entry) => entry.line === vector.line);
    if (listed !== undefined) {
      if (listed.vector !== text) {
        failures.push(`${file}:${vector.line}: listed as "${listed.vector}", reads "${text}"`);
      } else if (found === undefined) {
        failures.push(
          `${file}:${vector.line}: ${text}: now agrees, though listed: ${listed.reason}`
        );
      }
    } else if (found !== undefined) {
      failures.push(`${file}:${vector.line}: ${text}: ${found}`);
    }
  }
  const unseen = known.filter((entry) => !vectors.some((vector) => vector.line === entry.line));
  failures.push(...unseen.map((entry) => `${file}:${entry.line}: listed, but no vector there`));
  expect(vectors.length).toBeGreaterThan(0);
  expect(
    failures.length,
    `${failures.length} of ${vectors.length} vectors wrong:\n${failures.slice(0, 50).join('\n')}`
  ).toBe(0);
}

describe.skipIf(!vectorsAvailable)(
  'pep440 ordering vectors from ../shared/data/version-vectors (osv-scalibr)',
  () => {
    it('orders every vector of pypi-versions.txt, both ways round', () => {
      checkFile('pypi-versions.txt');
    });

    it('orders every vector of pypi-versions-generated.txt, both ways round', () => {
      checkFile('pypi-versions-generated.txt');
    });
  }
);
