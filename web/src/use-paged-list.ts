import { useCallback, useEffect, useState } from 'react';
import type { Page } from './types.js';

/**
 * A server-side paged list: the first page of `path` (refetched when it changes), and more
 * pages on demand from the `next` cursor, each read by `load` (`getJson<Page<Row>>`). `path`
 * undefined shows nothing.
 */
export function usePagedList<T>(
  path: string | undefined,
  load: (path: string) => Promise<Page<T>>,
  fail: (failure: unknown) => void
): { items: T[] | undefined; more: (() => void) | undefined } {
  const [items, setItems] = useState<T[]>();
  const [next, setNext] = useState<string>();
  useEffect(() => {
    let current = true;
    setItems(undefined);
    setNext(undefined);
    if (path !== undefined) {
      load(path)
        .then((page) => {
          if (current) {
            setItems(page.items);
            setNext(page.next);
          }
        })
        .catch(fail);
    }
    return () => {
      current = false;
    };
  }, [path, load, fail]);
  const loadMore = useCallback(() => {
    if (path === undefined || next === undefined) {
      return;
    }
    const separator = path.includes('?') ? '&' : '?';
    load(`${path}${separator}cursor=${encodeURIComponent(next)}`)
      .then((page) => {
        setItems((shown) => [...(shown ?? []), ...page.items]);
        setNext(page.next);
      })
      .catch(fail);
  }, [path, next, load, fail]);
  return { items, more: next !== undefined ? loadMore : undefined };
}

/** `/api/v1/…?a=1&b=2` from the parameters that have a value. */
export function apiPath(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      query.set(key, value);
    }
  }
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}
