import { describe, expect, it } from 'vitest';
import { compareParts } from './compare.js';
import { scheme } from './index.js';

/** Asserts `a < b`, and `b > a` the other way round. */
function expectBefore(a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} < ${b}`).toBe(-1);
  expect(scheme.compare(b, a), `${b} > ${a}`).toBe(1);
}

function expectSame(a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} = ${b}`).toBe(0);
  expect(scheme.compare(b, a), `${b} = ${a}`).toBe(0);
}

describe('dpkg ordering', () => {
  it('sorts ~ before everything, even the end of the version', () => {
    // The order the dpkg manual gives: ~~ < ~~a < ~ < (nothing) < a.
    const ordered = ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a'];
    for (let index = 1; index < ordered.length; index++) {
      expectBefore(ordered[index - 1]!, ordered[index]!);
    }
    expectBefore('1.2.3-1~deb7u1', '1.2.3-1');
    expectBefore('1.0~rc1', '1.0');
  });

  it('sorts letters before every other non-digit character', () => {
    expectBefore('1.0a', '1.0+');
    expectBefore('1.0z', '1.0.');
    expectBefore('1.0Z', '1.0a');
    expectBefore('1.0+', '1.0.');
    expectBefore('2.7.4+reloaded2-13ubuntu1', '2.7.4+reloaded2-13+deb9u1');
  });

  it('compares runs of digits as numbers, leading zeros ignored, of any length', () => {
    expectBefore('0.9', '0.10');
    expectSame('1.01', '1.1');
    expectSame('1.000', '1.0');
    expectBefore('1.99999999999999999999', '1.100000000000000000000');
    expectBefore('1.00099999999999999999', '1.100000000000000000000');
  });

  it('orders a longer version after its prefix unless the rest starts with ~', () => {
    expectBefore('1.0', '1.0.1');
    expectBefore('1.0', '1.0a');
    expectBefore('1.0~beta', '1.0');
  });

  it('compares the epoch first, as a number', () => {
    expectBefore('7.4.052', '1:7.4.052');
    expectBefore('1:9.9', '2:0.1');
    expectBefore('2:1', '10:0');
    expectSame('0:1.0', '1.0');
    expectSame('007:1.0', '7:1.0');
  });

  it('compares the upstream version before the revision', () => {
    expectBefore('1.0-9', '1.1-1');
    expectBefore('2:7.4.052', '2:7.4.052-1');
    expectBefore('1.0-1', '1.0-1ubuntu1');
    expectBefore('1ubuntu1', '1ubuntu3.1');
    expectBefore('1', '1ubuntu1');
  });

  it('treats a missing revision as 0', () => {
    expectSame('1.0', '1.0-0');
    expectSame('1.0', '1.0-00');
    expectBefore('1.0', '1.0-1');
    expectBefore('1.0-0~', '1.0');
  });

  it('keeps hyphens in the upstream version as characters that sort after letters', () => {
    expectBefore('1.0a-1', '1.0-beta-1');
  });

  it('is exact for identical text and for the empty parts of compareParts', () => {
    expectSame('1:2.3-4', '1:2.3-4');
    expect(compareParts('', '')).toBe(0);
    expect(compareParts('', '0')).toBe(0);
    expect(compareParts('~', '')).toBe(-1);
    expect(compareParts('a', '')).toBe(1);
  });
});
