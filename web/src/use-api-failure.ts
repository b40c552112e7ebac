import { useCallback, useState } from 'react';
import { ApiError } from './api.js';

/**
 * What a page shows when an API call fails, and the handler that sets it: a 401 (the token
 * was revoked) signs the user out instead.
 */
export function useApiFailure(
  onUnauthorized: () => void
): [string | undefined, (failure: unknown) => void] {
  const [error, setError] = useState<string>();
  const fail = useCallback(
    (failure: unknown) => {
      if (failure instanceof ApiError && failure.status === 401) {
        onUnauthorized();
        return;
      }
      setError(failure instanceof Error ? failure.message : String(failure));
    },
    [onUnauthorized]
  );
  return [error, fail];
}
