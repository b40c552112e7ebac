import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { openQueue, queueDrivers } from './index.js';

const driversDir = fileURLToPath(new URL('drivers/', import.meta.url));

describe('openQueue', () => {
  it('opens the memory queue for no URL, an empty one, or memory:', async () => {
    for (const url of [undefined, '', 'memory:']) {
      const queue = await openQueue(url);
      expect(queue.driver).toBe('memory');
      await queue.close();
    }
  });

  it('refuses an unknown scheme, naming the scheme and never the rest of the URL', async () => {
    const failure = openQueue('redis://admin:hunter2@cache:6379');
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow('"redis:"');
    await expect(failure).rejects.not.toThrow(/hunter2/);
    await expect(openQueue('127.0.0.1:4222')).rejects.toThrow(UsageError);
    await expect(openQueue('just-a-word')).rejects.toThrow(/no scheme/);
  });

  it('registers exactly the folders of drivers/, each with its readme', () => {
    const folders = readdirSync(driversDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect([...queueDrivers.keys()].sort()).toEqual(folders);
    for (const [id, driver] of queueDrivers) {
      expect(driver.id).toBe(id);
      expect(driver.description.length).toBeGreaterThan(0);
      expect(existsSync(`${driversDir}${id}/readme.md`)).toBe(true);
    }
  });
});
