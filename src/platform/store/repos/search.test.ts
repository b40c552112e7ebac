import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { searchPattern } from './search.js';

describe('searchPattern', () => {
  it('finds the text anywhere, lowered, with like’s wildcards taken literally', () => {
    expect(searchPattern('  Web ')).toBe('%web%');
    expect(searchPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it.each(['', '   ', 'x'.repeat(201)])('refuses %j, naming the field', (search) => {
    expect(() => searchPattern(search, 'q')).toThrow(InputError);
    expect(() => searchPattern(search, 'q')).toThrow(/^q: /);
  });
});
