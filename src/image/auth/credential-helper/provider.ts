import { dockerHubLegacyIndex, isDockerHub } from '../../registry/docker-hub.js';
import { findConfigEntry, loadDockerConfig } from '../docker-config/config-file.js';
import type { AuthProvider } from '../types.js';
import { runCredentialHelper } from './run-helper.js';

/** Helpers key Docker Hub under the legacy index URL, and other registries by host. */
function serverUrlFor(host: string): string {
  return isDockerHub(host) ? dockerHubLegacyIndex : host;
}

/** `credHelpers`: a helper chosen per registry, which wins over everything else in the file. */
export const credentialHelperProvider: AuthProvider = {
  id: 'credential-helper',
  description: '"credHelpers" in the docker config (docker-credential-<name> get)',
  resolve: async (host, context) => {
    const loaded = await loadDockerConfig(context.registry);
    const found = findConfigEntry(loaded?.config.credHelpers, host);
    if (found === undefined) {
      return undefined;
    }
    context.logger.debug({ host, helper: found.value }, 'asking a credential helper');
    return runCredentialHelper(found.value, found.key, context, 'credential-helper');
  },
};

/**
 * `credsStore`: the default helper for registries with no `credHelpers` entry. Asked after
 * inline `auths`, because `docker login` leaves an empty `auths` entry beside a store.
 */
export const credentialStoreProvider: AuthProvider = {
  id: 'credential-store',
  description: '"credsStore" in the docker config (docker-credential-<name> get)',
  resolve: async (host, context) => {
    const store = (await loadDockerConfig(context.registry))?.config.credsStore;
    if (!store) {
      return undefined;
    }
    context.logger.debug({ host, helper: store }, 'asking the credential store');
    return runCredentialHelper(store, serverUrlFor(host), context, 'credential-store');
  },
};
