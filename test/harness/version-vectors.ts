import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
