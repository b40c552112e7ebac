import type { Logger } from '../../core/logger.js';
import type { Queue } from '../queue/index.js';
import type { Store } from '../store/index.js';
import type { RequestCounter } from './metrics.js';
import type { RouteRecord } from './openapi.js';

/** What every route file is given. */
export interface ApiContext {
  store: Store;
  queue: Queue;
  logger: Logger;
  version: string;
  /** Every route registered so far, as `onRoute` saw it. */
  routes: readonly RouteRecord[];
  requests: RequestCounter;
}

/** `{ id }` in the path, for the routes of one thing. */
export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;

export const base = '/api/v1';
