import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../../api.js';

export interface Loaded<T> {
  data: T | undefined;
  /** Why it could not be read; a 403 means the token's role may not read it. */
  refused: { status: number; message: string } | undefined;
}

/** GETs `path` again whenever `reloads` changes; a 401 signs the user out. */
export function useApiData<T>(
  path: string,
  reloads: number,
  onUnauthorized: () => void
): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ data: undefined, refused: undefined });
  useEffect(() => {
    let current = true;
    getJson<T>(path)
      .then((data) => {
        if (current) {
          setLoaded({ data, refused: undefined });
        }
      })
      .catch((error: unknown) => {
        if (!current) {
          return;
        }
        if (error instanceof ApiError && error.status === 401) {
          onUnauthorized();
          return;
        }
        setLoaded({
          data: undefined,
          refused: {
            status: error instanceof ApiError ? error.status : 0,
            message: error instanceof Error ? error.message : String(error),
          },
        });
      });
    return () => {
      current = false;
    };
  }, [path, reloads, onUnauthorized]);
  return loaded;
}
