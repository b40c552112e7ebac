import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { InvalidVersionError, type VersionScheme } from '../../src/vuln/version/types.js';

/**
 * The version-ordering vectors in `../shared/data/version-vectors/` (google/osv-scalibr's
 * corpus, Apache-2.0): one comparison a line, `a < b`, `a = b` or `a > b`, with `#` and `//`
 * comments. Read from beside the checkout, never copied into it.
 */
export const vectorDir = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'version-vectors'
);

export const vectorsAvailable = existsSync(vectorDir);

export interface VersionVector {
  line: number;
  a: string;
  op: '<' | '=' | '>';
  b: string;
}

export function readVectors(file: string): VersionVector[] {
  const vectors: VersionVector[] = [];
  readFileSync(join(vectorDir, file), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const line = text.trim();
      if (line === '' || line.startsWith('#') || line.startsWith('//')) {
        return;
      }
      const match = /^(?<a>\S+)\s+(?<op>[<=>])\s+(?<b>\S+)$/.exec(line);
      if (!match?.groups) {
        throw new Error(`${file}:${index + 1}: not a comparison: ${line}`);
      }
      vectors.push({
        line: index + 1,
        a: match.groups['a'] ?? '',
        op: match.groups['op'] as VersionVector['op'],
        b: match.groups['b'] ?? '',
      });
    });
  return vectors;
}

/** The sign a comparison should have for an operator. */
export function expectedSign(op: VersionVector['op']): number {
  return op === '<' ? -1 : op === '>' ? 1 : 0;
}

/**
 * A vector the scheme answers differently from the vector file, on purpose: the line it is on,
 * its text as `a op b`, and why (the scheme's readme.md explains each).
 */
export interface KnownDisagreement {
  readonly file: string;
  readonly line: number;
  readonly vector: string;
  readonly reason: string;
}

export interface VectorFileOptions {
  /**
   * For a scheme that refuses malformed versions: a vector that pairs one (`isValid` false on
   * either side) is not ordered but must throw InvalidVersionError both ways round, and the
   * file must hold exactly this many such vectors. Left out, every vector is ordered.
   */
  readonly malformed?: number;
}

const signs: Record<number, string> = { [-1]: '<', 0: '=', 1: '>' };

function describeSign(sign: number): string {
  return `${sign} (${signs[sign] ?? '?'})`;
}

function throwsInvalid(scheme: VersionScheme, a: string, b: string): boolean {
  try {
    scheme.compare(a, b);
    return false;
  } catch (error) {
    return error instanceof InvalidVersionError;
  }
}

/** What is wrong with the scheme's order for a vector, both ways round; undefined when right. */
function orderProblem(scheme: VersionScheme, { a, op, b }: VersionVector): string | undefined {
  let forward: number;
  let backward: number;
  try {
    forward = Math.sign(scheme.compare(a, b));
    backward = Math.sign(scheme.compare(b, a));
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
  if (forward !== expectedSign(op)) {
    return `compare gave ${describeSign(forward)}`;
  }
  return backward === -forward
    ? undefined
    : `not antisymmetric: reversed, compare gave ${describeSign(backward)}`;
}

/**
 * Checks every vector of `file` against `scheme`: each must hold as stated and reversed
 * oppositely, except those in `known` (entries for other files are ignored), which must still
 * disagree, with their line reading as listed, so the list cannot go stale. Fails with the
 * first 50 offenders as `file:line: vector: what is wrong`.
 */
export function checkVectorFile(
  scheme: VersionScheme,
  file: string,
  known: readonly KnownDisagreement[] = [],
  options: VectorFileOptions = {}
): void {
  const vectors = readVectors(file);
  const listedHere = known.filter((entry) => entry.file === file);
  const refused: string[] = [];
  const failures: string[] = [];
  for (const vector of vectors) {
    const text = `${vector.a} ${vector.op} ${vector.b}`;
    const where = `${file}:${vector.line}: ${text}`;
    let found: string | undefined;
    if (
      options.malformed !== undefined &&
      (!scheme.isValid(vector.a) || !scheme.isValid(vector.b))
    ) {
      refused.push(where);
      const throwsBoth =
        throwsInvalid(scheme, vector.a, vector.b) && throwsInvalid(scheme, vector.b, vector.a);
      found = throwsBoth ? undefined : 'malformed, yet compare did not throw InvalidVersionError';
    } else {
      found = orderProblem(scheme, vector);
    }
    const listed = listedHere.find((entry) => entry.line === vector.line);
    if (listed === undefined) {
      if (found !== undefined) {
        failures.push(`${where}: ${found}`);
      }
    } else if (listed.vector !== text) {
      failures.push(`${file}:${vector.line}: listed as "${listed.vector}", reads "${text}"`);
    } else if (found === undefined) {
      failures.push(`${where}: now agrees, though listed: ${listed.reason}`);
    }
  }
  const unseen = listedHere.filter((entry) => !vectors.some(({ line }) => line === entry.line));
  failures.push(...unseen.map((entry) => `${file}:${entry.line}: listed, but no vector there`));
  expect(vectors.length, `${file} holds no vectors`).toBeGreaterThan(0);
  expect(
    failures.length,
    `${failures.length} of ${vectors.length} vectors wrong:\n${failures.slice(0, 50).join('\n')}`
  ).toBe(0);
  if (options.malformed !== undefined) {
    expect(
      refused.length,
      `vectors with a malformed version:\n${refused.slice(0, 50).join('\n')}`
    ).toBe(options.malformed);
  }
}
