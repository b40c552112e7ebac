import { describe, expect, it } from 'vitest';
import { fitText } from './fit-text.js';

describe('fitText', () => {
  it('leaves text that fits alone', () => {
    expect(fitText('glibc: out-of-bounds write', 40, 1)).toBe('glibc: out-of-bounds write');
    expect(fitText('', 10, 1)).toBe('');
  });

  it('wraps between words up to the line limit', () => {
    expect(fitText('glibc: out-of-bounds write in iconv', 20, 2)).toBe(
      'glibc: out-of-bounds\nwrite in iconv'
    );
  });

  it('ends the last line with … when text is left out, within the width', () => {
    const fitted = fitText('glibc: out-of-bounds write in iconv ISO-2022-CN-EXT', 20, 2);
    expect(fitted).toBe('glibc: out-of-bounds\nwrite in iconv ISO-…');
    for (const line of fitted.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(20);
    }
    expect(fitText('one two three', 5, 1)).toBe('one…');
  });

  it('breaks after a hyphen before it breaks inside a word', () => {
    expect(fitText('glibc: out-of-bounds write', 14, 2)).toBe('glibc: out-of-\nbounds write');
    expect(fitText('x- -y a--b', 3, 5)).toBe('x-\n-y\na--\nb');
  });

  it('breaks a word longer than a line', () => {
    expect(fitText('zipOpenNewFileInZip4_64', 10, 3)).toBe('zipOpenNew\nFileInZip4\n_64');
    expect(fitText('zipOpenNewFileInZip4_64', 10, 1)).toBe('zipOpenNe…');
  });

  it('counts a character made of several code points as one', () => {
    expect(fitText('👍🏽👍🏽👍🏽', 2, 1)).toBe('👍🏽…');
  });
});
