import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './queue.js';

describe('BoundedQueue', () => {
  it('keeps order across the end of its ring', () => {
    const queue = new BoundedQueue<number>(4);
    expect(queue.pushAll([1, 2, 3])).toBe(true);
    expect([queue.shift(), queue.shift()]).toEqual([1, 2]);
    expect(queue.pushAll([4, 5, 6])).toBe(true);
    expect([queue.size, queue.free]).toEqual([4, 0]);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual([
      3,
      4,
      5,
      6,
      undefined,
    ]);
  });

  it('takes all of a batch or none of it', () => {
    const queue = new BoundedQueue<string>(3);
    expect(queue.pushAll(['a', 'b'])).toBe(true);
    expect(queue.pushAll(['c', 'd'])).toBe(false);
    expect(queue.size).toBe(2);
    expect(queue.pushAll(['c'])).toBe(true);
    expect([queue.shift(), queue.shift(), queue.shift()]).toEqual(['a', 'b', 'c']);
  });
});
