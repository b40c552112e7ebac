/**
 * A URL for people and logs: scheme and host, and `/…` for the path. Unlike `describeUrl` in
 * core, the path is left out too: a Slack or Mattermost incoming webhook's path is its secret.
 */
export function describeTarget(url: URL): string {
  const path = url.pathname === '/' || url.pathname === '' ? '' : '/…';
  return `${url.protocol}//${url.host}${path}`;
}
