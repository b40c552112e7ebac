import { anonymousProvider } from './anonymous.js';
import { credentialHelperProvider, credentialStoreProvider } from './credential-helper/provider.js';
import { dockerConfigProvider } from './docker-config/provider.js';
import { environmentProvider } from './environment.js';
import { explicitProvider } from './explicit.js';
import type { AuthContext, AuthProvider, Credentials } from './types.js';

/**
 * Every credential source, asked in this order; the first that answers wins. What the user
 * typed beats the environment, which beats files, so a CI job can override a developer's
 * `docker login`. Anonymous is last and always answers.
 */
export const authProviders: ReadonlyMap<string, AuthProvider> = new Map<string, AuthProvider>([
  [explicitProvider.id, explicitProvider],
  [environmentProvider.id, environmentProvider],
  [credentialHelperProvider.id, credentialHelperProvider],
  [dockerConfigProvider.id, dockerConfigProvider],
  [credentialStoreProvider.id, credentialStoreProvider],
  // Amazon ECR goes here: a provider that recognises `*.dkr.ecr.*.amazonaws.com`, calls
  // GetAuthorizationToken and returns its `AWS:<token>` pair as basic credentials. It sits
  // after the docker config so `docker-credential-ecr-login` users keep their helper.
  [anonymousProvider.id, anonymousProvider],
]);

/** Asks each provider in turn for `host` (the registry as the reference names it). */
export async function resolveCredentials(
  host: string,
  context: AuthContext,
  providers: ReadonlyMap<string, AuthProvider> = authProviders
): Promise<Credentials> {
  for (const provider of providers.values()) {
    const credentials = await provider.resolve(host, context);
    if (credentials !== undefined) {
      context.logger.debug({ host, provider: provider.id }, 'registry credentials found');
      return credentials;
    }
  }
  return { kind: 'anonymous', source: anonymousProvider.id };
}

/**
 * Only the credentials given in the options (or none): for a server that scans with the
 * credentials it stores, and must not pick up its host's docker logins or environment.
 */
export const givenCredentialsOnly: ReadonlyMap<string, AuthProvider> = new Map<
  string,
  AuthProvider
>([
  [explicitProvider.id, explicitProvider],
  [anonymousProvider.id, anonymousProvider],
]);
