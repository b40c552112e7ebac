import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.js';
import { formatIds, getFormat } from './index.js';

describe('report formats', () => {
  it('lists every format, table first', () => {
    expect(formatIds()).toEqual(['table', 'json', 'cyclonedx', 'spdx', 'sarif']);
  });

  it('finds each format under its own id', async () => {
    for (const id of formatIds()) {
      const format = await getFormat(id);
      expect(format.id).toBe(id);
      expect(format.description).not.toBe('');
    }
  });

  it('refuses an unknown format with a usage error naming the known ones', async () => {
    await expect(getFormat('xml')).rejects.toThrow(UsageError);
    await expect(getFormat('xml')).rejects.toThrow(
      'unknown report format "xml"; known formats: table, json, cyclonedx, spdx, sarif'
    );
  });

  it('does not accept a format id in another case', async () => {
    await expect(getFormat('JSON')).rejects.toThrow(UsageError);
  });
});
