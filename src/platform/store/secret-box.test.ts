import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../core/errors.js';
import { secretBoxFromEnv } from './secret-box.js';

const key = Buffer.alloc(32, 1).toString('base64');

function box(encoded = key) {
  const found = secretBoxFromEnv({ PALISADE_SECRET_KEY: encoded });
  if (found === undefined) {
    throw new Error('no box');
  }
  return found;
}

describe('secret box', () => {
  it('opens what it sealed, with a new nonce each time', () => {
    const sealed = box().seal('p@ss', 'row-1');
    expect(box().open(sealed, 'row-1')).toBe('p@ss');
    expect(box().seal('p@ss', 'row-1')).not.toBe(sealed);
    expect(Buffer.from(sealed, 'base64')[0]).toBe(1);
  });

  it('refuses another row, another key, a flipped bit and a foreign format', () => {
    const sealed = box().seal('p@ss', 'row-1');
    expect(() => box().open(sealed, 'row-2')).toThrow(InputError);
    expect(() => box(Buffer.alloc(32, 2).toString('base64')).open(sealed, 'row-1')).toThrow(
      /was the key changed/
    );
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => box().open(bytes.toString('base64'), 'row-1')).toThrow(InputError);
    expect(() => box().open('AAAA', 'row-1')).toThrow(/not in a format/);
  });

  it('is absent without a key and refuses a key that is not 32 bytes of base64', () => {
    expect(secretBoxFromEnv({})).toBeUndefined();
    expect(secretBoxFromEnv({ PALISADE_SECRET_KEY: '  ' })).toBeUndefined();
    expect(() =>
      secretBoxFromEnv({ PALISADE_SECRET_KEY: Buffer.alloc(16).toString('base64') })
    ).toThrow(UsageError);
    expect(() => secretBoxFromEnv({ PALISADE_SECRET_KEY: `${'!'.repeat(43)}=` })).toThrow(
      /32 random bytes in base64/
    );
  });
});
