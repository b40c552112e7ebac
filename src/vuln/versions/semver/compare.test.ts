import { describe, expect, it } from 'vitest';
import { scheme } from './index.js';

function expectBefore(a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} < ${b}`).toBe(-1);
  expect(scheme.compare(b, a), `${b} > ${a}`).toBe(1);
}

function expectSame(a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} = ${b}`).toBe(0);
  expect(scheme.compare(b, a), `${b} = ${a}`).toBe(0);
}

function expectAscending(ordered: string[]): void {
  for (let index = 1; index < ordered.length; index++) {
    expectBefore(ordered[index - 1]!, ordered[index]!);
  }
}

describe('semver ordering', () => {
  it('follows the SemVer 2.0.0 example, §11', () => {
    expectAscending([
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ]);
  });

  it('compares the core numerically, of any size', () => {
    expectBefore('0.9.0', '0.10.0');
    expectBefore('1.2.3', '1.2.10');
    expectBefore('999999999999999999999999999991', '999999999999999999999999999999');
    expectBefore('9007199254740993.0.0', '9007199254740994.0.0');
  });

  it('reads missing core numbers as 0 and compares extra ones', () => {
    expectSame('0', '0.0.0');
    expectSame('1.2', '1.2.0');
    expectBefore('1', '1.0.1');
    expectSame('1.2.3.0', '1.2.3');
    expectBefore('1.2.3', '1.2.3.4');
    expectBefore('1.2.3.4', '1.2.3.10');
    expectBefore('1.2.3.4', '1.2.4');
  });

  it('sorts numeric identifiers below alphanumeric ones, and those in ASCII order', () => {
    expectBefore('1.0.0-999', '1.0.0-a');
    expectBefore('1.0.0-9', '1.0.0-10');
    expectBefore('1.0.0-10a', '1.0.0-9a');
    expectBefore('1.2.3-5-Foo', '1.2.3-5-foo');
    expectBefore('1.2.3-R2', '1.2.3-r100');
    expectBefore('1.2.3-r100', '1.2.3-r2');
    expectBefore('1.0.0-0', '1.0.0--');
  });

  it('sorts a pre-release before its release and after the previous one', () => {
    expectBefore('1.2.3', '1.2.4-0');
    expectBefore('1.2.4-0', '1.2.4');
  });

  it('ignores build metadata and the leading v', () => {
    expectSame('1.2.3+build', '1.2.3+otherbuild');
    expectSame('1.2.3-beta+build', 'v1.2.3-beta+001');
    expectSame('v1.2.3', '1.2.3');
    expectBefore('2.7.2+asdf', '3.0.0');
  });
});
