/**
 * Docker Hub answers to several names. References say `docker.io`, the API lives on
 * `registry-1.docker.io`, and `docker login` files credentials under the legacy index URL.
 */
export const dockerHubDomain = 'docker.io';
export const dockerHubApiHost = 'registry-1.docker.io';
export const dockerHubLegacyIndex = 'https://index.docker.io/v1/';

const aliases = new Set([dockerHubDomain, dockerHubApiHost, 'index.docker.io']);

export function isDockerHub(host: string): boolean {
  return aliases.has(host.toLowerCase());
}
