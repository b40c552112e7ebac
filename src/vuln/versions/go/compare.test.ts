import { describe, expect, it } from 'vitest';
import { scheme } from './index.js';

function expectAscending(ordered: string[]): void {
  // Every pair, not only neighbours, so a rule that holds locally but not overall shows up.
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i]!;
      const b = ordered[j]!;
      expect(scheme.compare(a, b), `${a} < ${b}`).toBe(-1);
      expect(scheme.compare(b, a), `${b} > ${a}`).toBe(1);
    }
  }
}

function expectSame(...versions: string[]): void {
  for (const a of versions) {
    for (const b of versions) {
      expect(scheme.compare(a, b), `${a} = ${b}`).toBe(0);
    }
  }
}

describe('go ordering', () => {
  it('orders module versions, pseudo-versions among them as the pre-releases they are', () => {
    expectAscending([
      'v0.0.0-00010101000000-000000000000',
      'v0.0.0-20180101000000-abcdefabcdef',
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.1',
      'v1.2.3',
      // vX.Y.(Z+1)-0.timestamp-hash: after v1.2.3, before any pre-release of v1.2.4.
      'v1.2.4-0.20191109021931-daa7c04131f5',
      'v1.2.4-0.20200101000000-aaaaaaaaaaaa',
      'v1.2.4-alpha',
      // vX.Y.Z-pre.0.timestamp-hash: after v1.2.4-alpha, before v1.2.4-alpha.1.
      'v1.2.4-alpha.0.20191109021931-daa7c04131f5',
      'v1.2.4-alpha.1',
      'v1.2.4-beta',
      'v1.2.4-rc.1',
      'v1.2.4',
      'v1.10.0',
      'v2.0.0+incompatible',
      'v2.0.1-0.20200101000000-abcdefabcdef+incompatible',
      'v2.0.1+incompatible',
      'v2.1.0',
      'v10.0.0',
    ]);
  });

  it('ignores build metadata, +incompatible included, and reads shortened versions', () => {
    expectSame('v2.0.0+incompatible', 'v2.0.0', '2.0.0');
    expectSame('v1.2', 'v1.2.0', '1.2', '1.2.0');
    expectSame('v1', 'v1.0.0', '1', '1.0.0', 'go1');
    expectSame('0', 'v0.0.0', 'v0');
  });

  it('orders the standard library by toolchain release, with or without go', () => {
    expectAscending([
      'go1.9beta1',
      'go1.9beta2',
      'go1.9rc1',
      'go1.9',
      'go1.9.1',
      'go1.9.2rc2',
      'go1.9.2',
      'go1.10',
      'go1.20.14',
      // The vulnerability database's "from the first 1.21 pre-release on".
      '1.21.0-0',
      'go1.21rc1',
      '1.21rc2',
      'go1.21.0',
      '1.21.5',
      'go1.22rc1',
      '1.22.0',
    ]);
  });

  it('reads toolchain and OSV spellings of a release as the same version', () => {
    expectSame('go1.21.5', '1.21.5', 'v1.21.5');
    expectSame('go1.20', '1.20', '1.20.0', 'v1.20.0');
    expectSame('go1.22rc1', '1.22rc1', 'v1.22.0-rc.1', '1.22.0-rc.1');
    expectSame('go1.21', 'go1.21.0');
  });

  it('compares numbers of any size', () => {
    expectAscending(['v1.99999999999999999999.0', 'v1.100000000000000000000.0']);
  });
});
