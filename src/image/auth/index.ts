export { authProviders, resolveCredentials } from './api.js';
export type { AuthContext, AuthProvider, Credentials } from './types.js';
export { parseWwwAuthenticate, type Challenge } from './www-authenticate.js';
export { TokenCache } from './token-cache.js';
export { maxTokenResponseBytes, parseTokenResponse, type BearerToken } from './token-response.js';
