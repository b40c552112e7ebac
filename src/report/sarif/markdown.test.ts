import { describe, expect, it } from 'vitest';
import { markdownText } from './markdown.js';

describe('markdownText', () => {
  it('leaves ordinary titles readable', () => {
    expect(markdownText('glibc: out-of-bounds write in iconv (ISO-2022-CN-EXT) v1.2')).toBe(
      'glibc: out-of-bounds write in iconv (ISO-2022-CN-EXT) v1.2'
    );
  });

  it('escapes what could format, link or inject HTML, and keeps it on one line', () => {
    expect(markdownText('[x](javascript:alert(1)) <img src=x> **b** a|b `c` ~d~ &amp; \\')).toBe(
      '\\[x\\](javascript:alert(1)) \\<img src=x\\> \\*\\*b\\*\\* a\\|b \\`c\\` \\~d\\~ \\&amp; \\\\'
    );
    expect(markdownText('SSL_select_next_proto\n# heading\r\n- item')).toBe(
      'SSL\\_select\\_next\\_proto # heading - item'
    );
  });
});
