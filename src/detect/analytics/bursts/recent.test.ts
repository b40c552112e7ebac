import { describe, expect, it } from 'vitest';
import { RecentKeys, RecentTimes } from './recent.js';

describe('RecentTimes', () => {
  it('counts the kept times inside the window, and keeps no more than asked', () => {
    const times = new RecentTimes(3);
    expect(times.add(0, 10)).toBe(1);
    expect(times.add(5, 10)).toBe(2);
    expect(times.add(9, 10)).toBe(3);
    expect(times.add(9, 10)).toBe(3);
    expect(times.add(15, 10)).toBe(3);
    expect(times.add(30, 10)).toBe(1);
  });

  it('does not count a time exactly one window old', () => {
    const times = new RecentTimes(5);
    times.add(0, 10);
    expect(times.add(10, 10)).toBe(1);
  });
});

describe('RecentKeys', () => {
  it('counts distinct keys in the window, newest last', () => {
    const keys = new RecentKeys(10);
    keys.add('a', 0, 10);
    keys.add('b', 1, 10);
    expect(keys.add('a', 2, 10)).toBe(2);
    expect(keys.keys()).toEqual(['b', 'a']);
    expect(keys.add('c', 11, 10)).toBe(2);
    expect(keys.keys()).toEqual(['a', 'c']);
  });

  it('keeps at most the number asked, dropping the oldest', () => {
    const keys = new RecentKeys(2);
    keys.add('a', 0, 100);
    keys.add('b', 1, 100);
    expect(keys.add('c', 2, 100)).toBe(2);
    expect(keys.keys()).toEqual(['b', 'c']);
  });
});
