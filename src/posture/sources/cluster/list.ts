import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../../core/logger.js';
import type { KubeObject } from '../../snapshot/types.js';
import { CallStopped, CallTimeout, rawCall, type CallContext } from './call.js';
import { classifyFailure, type Target } from './errors.js';
import type { KindSpec } from './kinds.js';
import { toKubeObject } from './objects.js';

/** How many objects the whole run may still take; shared by the kinds listed at once. */
export class ObjectBudget {
  private left: number;

  constructor(readonly limit: number) {
    this.left = limit;
  }

  get remaining(): number {
    return this.left;
  }

  /** Takes up to `count`; returns how many were granted. */
  take(count: number): number {
    const granted = Math.min(count, this.left);
    this.left -= granted;
    return granted;
  }

  /** Gives back what a kind read and then dropped (a listing restarted or left out). */
  release(count: number): void {
    this.left += count;
  }
}

export interface ListRun {
  call: CallContext;
  target: Target;
  pageSize: number;
  budget: ObjectBudget;
  logger: Logger;
}

/** Why a kind was left out: the reader refuses a snapshot whose every kind was. */
export type LeftOut = 'forbidden' | 'timeout' | 'other';

export interface KindResult {
  objects: KubeObject[];
  /** What the report should say about the kind (`cannot list secrets: forbidden (…)`). */
  notes: string[];
  /** Set when the kind is not in the snapshot at all; its note says why. */
  leftOut?: LeftOut;
  /** False when the object budget ran out while this kind was read. */
  complete: boolean;
}

/** Statuses worth asking again: the server is busy or restarting. */
const transientCodes = new Set([429, 500, 502, 503, 504]);
const retries = 2;

type Page =
  | { type: 'list'; items: unknown[]; next: string | undefined }
  | { type: 'expired' }
  | { type: 'note'; note: string; reason: LeftOut };

function statusNote(spec: KindSpec, code: number, message: string): string {
  if (code === 403) {
    return `cannot list ${spec.resource}: forbidden (${message})`;
  }
  if (code === 404) {
    return `cannot list ${spec.resource}: ${spec.apiVersion} ${spec.resource} is not served by this API server (404)`;
  }
  return `cannot list ${spec.resource}: the API server answered ${code} (${message})`;
}

function asPage(spec: KindSpec, value: unknown): Page {
  if (typeof value === 'object' && value !== null) {
    const { items, metadata } = value as { items?: unknown; metadata?: { continue?: unknown } };
    if (Array.isArray(items) || items === null) {
      const next = metadata?.continue;
      return {
        type: 'list',
        items: items ?? [],
        next: typeof next === 'string' && next !== '' ? next : undefined,
      };
    }
  }
  return {
    type: 'note',
    note: `cannot list ${spec.resource}: the answer is not a list`,
    reason: 'other',
  };
}

/** One page, asked again on a transient status; throws only what ends the whole run. */
async function fetchPage(spec: KindSpec, run: ListRun, next: string | undefined): Promise<Page> {
  const page = { limit: run.pageSize, ...(next !== undefined ? { _continue: next } : {}) };
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await rawCall(run.call, (config) => spec.list(config, page));
      return answer.json
        ? asPage(spec, answer.value)
        : {
            type: 'note',
            note: `cannot list ${spec.resource}: the answer is not JSON`,
            reason: 'other',
          };
    } catch (error) {
      if (error instanceof CallStopped) {
        throw error;
      }
      const failure = classifyFailure(error, run.target, error instanceof CallTimeout);
      if (failure.type === 'fatal') {
        throw failure.error;
      }
      if (failure.type === 'timeout') {
        return {
          type: 'note',
          note: `cannot list ${spec.resource}: no answer within ${run.call.timeoutMs} ms`,
          reason: 'timeout',
        };
      }
      if (failure.code === 410 && next !== undefined) {
        return { type: 'expired' };
      }
      if (!transientCodes.has(failure.code) || attempt >= retries) {
        return {
          type: 'note',
          note: statusNote(spec, failure.code, failure.message),
          reason: failure.code === 403 ? 'forbidden' : 'other',
        };
      }
      const wait = Math.min(failure.retryAfterMs ?? 250 * 2 ** attempt, 5000);
      run.logger.debug({ resource: spec.resource, code: failure.code, wait }, 'retrying list');
      await sleep(wait, undefined, { signal: run.call.stop }).catch(() => {
        throw new CallStopped();
      });
    }
  }
}

type Listing = { type: 'done'; result: KindResult } | { type: 'expired' };

/** One pass over the kind's pages, from the first. */
async function listOnce(spec: KindSpec, run: ListRun): Promise<Listing> {
  const started = Date.now();
  const objects: KubeObject[] = [];
  let taken = 0;
  let pages = 0;
  let next: string | undefined;
  const done = (complete: boolean): Listing => {
    const unnamed = taken - objects.length;
    const notes =
      unnamed > 0 ? [`${unnamed} ${spec.resource} without metadata.name were skipped`] : [];
    return { type: 'done', result: { objects, notes, complete } };
  };
  for (;;) {
    if (run.budget.remaining === 0) {
      return done(false);
    }
    const page = await fetchPage(spec, run, next);
    if (page.type !== 'list') {
      run.budget.release(taken);
      return page.type === 'expired'
        ? { type: 'expired' }
        : {
            type: 'done',
            result: { objects: [], notes: [page.note], leftOut: page.reason, complete: true },
          };
    }
    pages++;
    const granted = run.budget.take(page.items.length);
    taken += granted;
    for (const item of page.items.slice(0, granted)) {
      const object = toKubeObject(item, spec.kind, spec.apiVersion);
      if (object !== undefined) {
        objects.push(object);
      }
    }
    if (granted < page.items.length) {
      return done(false);
    }
    next = page.next;
    if (next === undefined) {
      run.logger.debug(
        { resource: spec.resource, objects: objects.length, pages, ms: Date.now() - started },
        'listed'
      );
      return done(true);
    }
  }
}

/**
 * Every object of one kind, page by page (`limit` + `continue`). A listing whose continue token
 * expired (410) starts over once, from the first page, so the kind is one consistent list; a
 * second expiry leaves the kind out with a note, as a forbidden kind or a timeout is.
 */
export async function listKind(spec: KindSpec, run: ListRun): Promise<KindResult> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const listing = await listOnce(spec, run);
    if (listing.type === 'done') {
      return listing.result;
    }
    run.logger.debug({ resource: spec.resource }, 'continue token expired; listing again');
  }
  const note = `cannot list ${spec.resource}: the list expired twice while paging (410 Expired)`;
  return { objects: [], notes: [note], leftOut: 'other', complete: true };
}
