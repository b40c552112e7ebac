import { describe, expect, it } from 'vitest';
import { nameBasedUuid } from './document-uuid.js';

describe('nameBasedUuid', () => {
  it('is a version 5, RFC 4122 variant UUID', () => {
    expect(nameBasedUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
  });

  it('is the same for the same name and different for another', () => {
    expect(nameBasedUuid('a')).toBe(nameBasedUuid('a'));
    expect(nameBasedUuid('a')).not.toBe(nameBasedUuid('b'));
  });

  it('never changes for a given name (document identifiers depend on it)', () => {
    expect(nameBasedUuid('palisade')).toBe('25339ef2-3904-529b-b804-9c9bea7165b5');
  });
});
