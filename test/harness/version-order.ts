import { expect } from 'vitest';
import type { VersionScheme } from '../../src/vuln/version/types.js';

/** Assertions on a version scheme's order, shared by the schemes' own tests. */
export function orderAssertions(scheme: VersionScheme): {
  order: (a: string, b: string) => number;
  expectAscending: (versions: readonly string[]) => void;
  expectEqual: (a: string, b: string) => void;
} {
  const order = (a: string, b: string): number => Math.sign(scheme.compare(a, b));
  return {
    order,
    /** The list is in ascending order: each neighbour compares below, and the reverse above. */
    expectAscending: (versions) => {
      for (let i = 1; i < versions.length; i++) {
        const lower = versions[i - 1] ?? '';
        const higher = versions[i] ?? '';
        expect(order(lower, higher), `${lower} < ${higher}`).toBe(-1);
        expect(order(higher, lower), `${higher} > ${lower}`).toBe(1);
      }
    },
    expectEqual: (a, b) => {
      expect(order(a, b), `${a} = ${b}`).toBe(0);
      expect(order(b, a), `${b} = ${a}`).toBe(0);
    },
  };
}
