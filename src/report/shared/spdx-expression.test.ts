import { describe, expect, it } from 'vitest';
import { canonicalExpression, spdxExpression } from './spdx-expression.js';

describe('canonicalExpression', () => {
  it.each([
    ['MIT', 'MIT'],
    ['  MIT ', 'MIT'],
    ['GPL-2.0+', 'GPL-2.0+'],
    ['mit and BSD-2-Clause', undefined],
    ['MIT and BSD-2-Clause', 'MIT AND BSD-2-Clause'],
    ['(MIT OR Apache-2.0) AND Zlib', '(MIT OR Apache-2.0) AND Zlib'],
    ['MIT OR Apache-2.0 AND Zlib', 'MIT OR (Apache-2.0 AND Zlib)'],
    ['((MIT))', 'MIT'],
    [
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
    ],
    ['GPL-2', undefined],
    ['GPLv2+', undefined],
    ['Public Domain', undefined],
    ['', undefined],
    ['LicenseRef-custom', undefined],
    ['MIT AND LicenseRef-custom', undefined],
    ['DocumentRef-other:LicenseRef-custom', undefined],
  ])('%j → %j', (input, expected) => {
    expect(canonicalExpression(input)).toBe(expected);
  });
});

describe('spdxExpression', () => {
  it('joins several licences with AND', () => {
    expect(spdxExpression(['BSD-4-Clause', 'GPL-2.0-or-later'])).toBe(
      'BSD-4-Clause AND GPL-2.0-or-later'
    );
  });

  it('brackets an OR so the AND does not change its meaning', () => {
    expect(spdxExpression(['MIT OR Apache-2.0', 'Zlib'])).toBe('(MIT OR Apache-2.0) AND Zlib');
  });

  it('says nothing when any licence is not SPDX, rather than half an answer', () => {
    expect(spdxExpression(['MIT', 'GPL-2'])).toBeUndefined();
  });

  it('says nothing for no licences and ignores repeats', () => {
    expect(spdxExpression([])).toBeUndefined();
    expect(spdxExpression(['MIT', 'MIT'])).toBe('MIT');
  });
});
