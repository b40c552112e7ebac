import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { storeDrivers } from './api.js';
import { rejectionOf } from './contract-support.js';
import { driverFor, openStore } from './index.js';

describe('openStore', () => {
  it('picks the driver by URL', () => {
    expect(driverFor('postgres://u@h/db').id).toBe('postgres');
    expect(driverFor('postgresql://u@h/db').id).toBe('postgres');
    expect(driverFor('sqlite:/tmp/x.db').id).toBe('sqlite');
    expect(driverFor('./relative.db').id).toBe('sqlite');
    expect(driverFor('/abs/palisade.db').id).toBe('sqlite');
  });

  it('refuses a URL scheme no driver speaks, naming the ones it does', async () => {
    const error = await rejectionOf(openStore('mysql://root:pw@db/palisade'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      'unsupported database "mysql": use postgres://user@host:5432/db, sqlite:PATH or a file path'
    );
    expect(error.message).not.toContain('pw');
  });

  it('keys every driver by its own id', () => {
    expect([...storeDrivers.keys()]).toEqual(['postgres', 'sqlite']);
    for (const [id, driver] of storeDrivers) {
      expect(driver.id).toBe(id);
      expect(driver.description.length).toBeGreaterThan(0);
    }
  });
});
