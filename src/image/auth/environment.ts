import { pairedCredentials } from './explicit.js';
import type { AuthProvider } from './types.js';

export const usernameVariable = 'PALISADE_REGISTRY_USERNAME';
export const passwordVariable = 'PALISADE_REGISTRY_PASSWORD';

/**
 * `PALISADE_REGISTRY_USERNAME` / `PALISADE_REGISTRY_PASSWORD`, for CI where flags would
 * leak into process listings. Read from the injected environment so tests stay hermetic.
 */
export const environmentProvider: AuthProvider = {
  id: 'environment',
  description: `${usernameVariable} and ${passwordVariable}`,
  resolve: (_host, context) => {
    const env = context.registry.env;
    return Promise.resolve(
      pairedCredentials(env[usernameVariable] || undefined, env[passwordVariable] || undefined, {
        username: usernameVariable,
        password: passwordVariable,
        source: 'environment',
      })
    );
  },
};
