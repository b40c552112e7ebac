import { driver as postgresDriver } from './drivers/postgres/index.js';
import { driver as sqliteDriver } from './drivers/sqlite/index.js';
import type { StoreDriver } from './types.js';

/** Every database the store can live in, asked in this order whether a URL is theirs. */
export const storeDrivers: ReadonlyMap<string, StoreDriver> = new Map<string, StoreDriver>([
  [postgresDriver.id, postgresDriver],
  [sqliteDriver.id, sqliteDriver],
]);
