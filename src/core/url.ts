/**
 * A URL for messages and logs: scheme, host and path only. User, password and query are left
 * out, since any of them may carry a credential (a token service's query names the account).
 */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
