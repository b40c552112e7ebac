import type { AuthProvider } from './types.js';

/** The end of the chain: public images need nothing, and private ones fail with a clear message. */
export const anonymousProvider: AuthProvider = {
  id: 'anonymous',
  description: 'no credentials',
  resolve: () => Promise.resolve({ kind: 'anonymous', source: 'anonymous' }),
};
