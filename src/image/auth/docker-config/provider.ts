import { InputError } from '../../../core/errors.js';
import type { AuthProvider, Credentials } from '../types.js';
import { findConfigEntry, loadDockerConfig, type AuthEntry } from './config-file.js';

const source = 'docker-config';

function decodeAuth(auth: string, where: string): { username: string; password: string } {
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // Never echo the value: it is the password.
  if (!/^[A-Za-z0-9+/=\s]*$/.test(auth) || colon <= 0) {
    throw new InputError(`${where}: "auth" is not base64 of username:password`);
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** One `auths` entry as credentials; an empty entry (left by a credential store) is none. */
export function credentialsFromEntry(entry: AuthEntry, where: string): Credentials | undefined {
  if (entry.identitytoken) {
    const username = entry.username ?? (entry.auth ? decodeAuth(entry.auth, where).username : '');
    return {
      kind: 'identity-token',
      token: entry.identitytoken,
      ...(username ? { username } : {}),
      source,
    };
  }
  if (entry.registrytoken) {
    return { kind: 'registry-token', token: entry.registrytoken, source };
  }
  if (entry.auth) {
    return { kind: 'basic', ...decodeAuth(entry.auth, where), source };
  }
  if (entry.username && entry.password !== undefined) {
    return { kind: 'basic', username: entry.username, password: entry.password, source };
  }
  return undefined;
}

/** Inline `auths` entries of `~/.docker/config.json`, as `docker login` writes them. */
export const dockerConfigProvider: AuthProvider = {
  id: source,
  description: '"auths" in ~/.docker/config.json (or $DOCKER_CONFIG/config.json)',
  resolve: async (host, context) => {
    const loaded = await loadDockerConfig(context.registry);
    const found = findConfigEntry(loaded?.config.auths, host);
    if (loaded === undefined || found === undefined) {
      return undefined;
    }
    return credentialsFromEntry(found.value, `docker config ${loaded.path}, entry ${found.key}`);
  },
};
