import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { sampleInventory } from '../testing/sample-inventory.js';
import { documentTime } from './document-time.js';

describe('documentTime', () => {
  it('prefers the caller’s clock, else the scan’s own time', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(documentTime(sampleInventory(), { color: false, now })).toBe(now);
    expect(documentTime(sampleInventory(), { color: false }).toISOString()).toBe(
      '2024-05-01T12:00:00.000Z'
    );
  });

  it('refuses an inventory whose createdAt is not a time', () => {
    const inventory = { ...sampleInventory(), createdAt: 'yesterday' };
    expect(() => documentTime(inventory, { color: false })).toThrow(InputError);
  });
});
