import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('gives back the position it was made from', () => {
    const position = { sort: 'count', order: 'asc' as const, value: 3, id: 'a:b' };
    expect(decodeCursor(encodeCursor(position), 'count', 'asc')).toEqual(position);
  });

  it('refuses another sort or order, and anything that is not a cursor', () => {
    const cursor = encodeCursor({ sort: 'count', order: 'asc', value: 3, id: 'x' });
    expect(() => decodeCursor(cursor, 'count', 'desc')).toThrow(/made for another sort/);
    expect(() => decodeCursor(cursor, 'lastSeen', 'asc')).toThrow(InputError);
    for (const bad of [
      '',
      'not-json',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["count","asc",{},"x"]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad, 'count', 'asc')).toThrow(/^cursor: malformed/);
    }
  });
});
