import { describe, expect, it } from 'vitest';
import { InvalidVersionError, type VersionScheme } from '../version/types.js';
import { fixedVersions, isAffected as isAffectedOrdered } from './affected.js';
import { orderEvents } from './events.js';
import type { OsvAffected } from './schema.js';

/** Dotted numbers only: enough to pin down the range logic apart from any real scheme. */
const dotted: VersionScheme = {
  id: 'dotted',
  description: 'test scheme',
  ecosystems: ['Test'],
  isValid: (version) => /^\d+(\.\d+)*$/.test(version),
  compare(a, b) {
    for (const version of [a, b]) {
      if (!this.isValid(version)) {
        throw new InvalidVersionError('dotted', version);
      }
    }
    const left = a.split('.').map(Number);
    const right = b.split('.').map(Number);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const difference = (left[i] ?? 0) - (right[i] ?? 0);
      if (difference !== 0) {
        return Math.sign(difference);
      }
    }
    return 0;
  },
};

/** Orders the events first, as the database does when it stores an entry. */
function isAffected(version: string, affected: OsvAffected, scheme: VersionScheme): boolean {
  const ranges = affected.ranges?.map((range) => ({
    ...range,
    events: orderEvents(range.events, scheme),
  }));
  return isAffectedOrdered(version, { ...affected, ...(ranges ? { ranges } : {}) }, scheme);
}

function entry(ranges: OsvAffected['ranges'], versions?: string[]): OsvAffected {
  return { package: { ecosystem: 'Test', name: 'p' }, ranges, ...(versions ? { versions } : {}) };
}

describe('isAffected', () => {
  const introducedFixed = entry([
    { type: 'ECOSYSTEM', events: [{ introduced: '1.2' }, { fixed: '1.5' }] },
  ]);

  it.each([
    ['1.1', false],
    ['1.2', true],
    ['1.4.9', true],
    ['1.5', false],
    ['1.5.0', false],
    ['2.0', false],
  ])('introduced 1.2, fixed 1.5: %s is affected: %s', (version, expected) => {
    expect(isAffected(version, introducedFixed, dotted)).toBe(expected);
  });

  it('treats introduced "0" as the very first version', () => {
    const all = entry([{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '3.0' }] }]);

    expect(isAffected('0.0.1', all, dotted)).toBe(true);
    expect(isAffected('3.0', all, dotted)).toBe(false);
  });

  it('includes last_affected itself and nothing after it', () => {
    const last = entry([
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '2.1' }] },
    ]);

    expect(isAffected('2.1', last, dotted)).toBe(true);
    expect(isAffected('2.1.1', last, dotted)).toBe(false);
  });

  it('reads several introduced/fixed pairs in one range, in any order', () => {
    const pairs = entry([
      {
        type: 'ECOSYSTEM',
        events: [{ fixed: '2.5' }, { introduced: '1.0' }, { introduced: '2.0' }, { fixed: '1.3' }],
      },
    ]);

    expect(
      [0.9, 1.0, 1.2, 1.3, 1.9, 2.0, 2.4, 2.5].map((v) => isAffected(v.toFixed(1), pairs, dotted))
    ).toEqual([false, true, true, false, false, true, true, false]);
  });

  it('stops at a limit', () => {
    const limited = entry([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '4.0' }] }]);

    expect(isAffected('3.9', limited, dotted)).toBe(true);
    expect(isAffected('4.0', limited, dotted)).toBe(false);
  });

  it('matches listed versions, by the scheme’s equality', () => {
    const listed = entry(undefined, ['1.0', '1.1']);

    expect(isAffected('1.1', listed, dotted)).toBe(true);
    expect(isAffected('1.1.0', listed, dotted)).toBe(true);
    expect(isAffected('1.2', listed, dotted)).toBe(false);
  });

  it('ignores GIT ranges, which name commits', () => {
    const git = entry([
      { type: 'GIT', repo: 'https://example.test/r.git', events: [{ introduced: '0' }] },
    ]);

    expect(isAffected('1.0', git, dotted)).toBe(false);
  });

  it('throws for a version the scheme cannot order', () => {
    expect(() => isAffected('1.x', introducedFixed, dotted)).toThrow(InvalidVersionError);
  });
});

describe('fixedVersions', () => {
  it('lists every fixed event outside GIT ranges', () => {
    const affected = entry([
      {
        type: 'ECOSYSTEM',
        events: [{ introduced: '0' }, { fixed: '1.5' }, { introduced: '2.0' }, { fixed: '2.3' }],
      },
      { type: 'GIT', events: [{ introduced: '0' }, { fixed: 'abc123' }] },
    ]);

    expect(fixedVersions(affected)).toEqual(['1.5', '2.3']);
  });
});
