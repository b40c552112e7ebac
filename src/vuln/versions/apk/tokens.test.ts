import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { advance, firstToken, Kind } from './tokens.js';

/** Every token of a version as `kind:text`, suffixes by rank. */
function tokens(text: string): string[] {
  const names = new Map<number, string>(Object.entries(Kind).map(([name, kind]) => [kind, name]));
  const cursor = firstToken(text);
  const found: string[] = [];
  while (cursor.kind !== Kind.End) {
    const value = text.slice(cursor.start, cursor.end);
    found.push(`${names.get(cursor.kind) ?? '?'}:${value}`);
    advance(cursor);
  }
  return found;
}

describe('apk tokens', () => {
  it('reads every part of the grammar, in order', () => {
    expect(tokens('1.2.3b_rc1_p2~c0ffee-r4')).toEqual([
      'Number:1',
      'Number:2',
      'Number:3',
      'Letter:b',
      'Suffix:rc',
      'SuffixNumber:1',
      'Suffix:p',
      'SuffixNumber:2',
      'Hash:c0ffee',
      'Revision:4',
    ]);
  });

  it('reads a number after the letter, as apk 2 does for OpenSSH-style 6.6.2p1', () => {
    expect(tokens('6.6.2p1-r0')).toEqual([
      'Number:6',
      'Number:6',
      'Number:2',
      'Letter:p',
      'Number:1',
      'Revision:0',
    ]);
  });

  it('reads -r without a number as revision 0, as apk 2 does', () => {
    expect(tokens('1-r')).toEqual(['Number:1', 'Revision:']);
  });

  it('reads suffixes without numbers, and several of them', () => {
    expect(tokens('1_alpha_beta')).toEqual(['Number:1', 'Suffix:alpha', 'Suffix:beta']);
  });

  it.each([
    ['', 'empty'],
    ['.1', 'unexpected "." at 1'],
    ['a', 'unexpected "a" at 1'],
    ['v1.2', 'unexpected "v" at 1'],
    ['1.', 'ends where a number should follow'],
    ['1..2', 'unexpected "." at 3'],
    ['1.2A', 'unexpected "A" at 4'],
    ['1.2ab', 'unexpected "b" at 5'],
    ['1.2a.3', 'unexpected "." at 5'],
    ['1.2p1.1', 'unexpected "." at 6'],
    ['1.2p1a', 'unexpected "a" at 6'],
    ['1.2_blah', 'unknown suffix "_blah"'],
    ['1.2_csv2', 'unknown suffix "_csv"'],
    ['1.2_', 'unknown suffix "_"'],
    ['1.2_RC1', 'unknown suffix "_"'],
    ['1.2_rc1a', 'unexpected "a" at 8'],
    ['1.2_rc1.1', 'unexpected "." at 8'],
    ['1.2~', 'an empty commit hash after "~"'],
    ['1.2~xyz', 'an empty commit hash after "~"'],
    ['1.2~ABC', 'an empty commit hash after "~"'],
    ['1.2~abc_p1', 'unexpected "_" at 8'],
    ['1.2~abc~def', 'unexpected "~" at 8'],
    ['1.2-1', 'unexpected "-" at 4'],
    ['1.2-r1-r2', 'unexpected "-" at 7'],
    ['1.2-r1_p1', 'unexpected "_" at 7'],
    ['1.2-r1~abc', 'unexpected "~" at 7'],
    ['1.2-ruff', 'unexpected "u" at 6'],
    ['1.2-r1 ', 'unexpected " " at 7'],
  ])('refuses %j: %s', (text, reason) => {
    const read = (): string[] => tokens(text);
    expect(read).toThrow(InvalidVersionError);
    expect(read).toThrow(`(${reason})`);
  });
});
