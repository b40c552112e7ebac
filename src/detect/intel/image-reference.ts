/**
 * The repository an image reference names, the way Docker resolves it: `nginx:1.27` is
 * `docker.io/library/nginx`, `xmrig/xmrig@sha256:…` is `docker.io/xmrig/xmrig`,
 * `ghcr.io/org/tool:v1` is `ghcr.io/org/tool`. Tag and digest are dropped, case is folded
 * (registries are case-insensitive hosts; repositories are lower case by rule).
 */
export function repositoryOf(reference: string): string | undefined {
  const name = withoutTagOrDigest(reference.trim().toLowerCase());
  if (name === '' || name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return undefined;
  }
  return withRegistry(name);
}

const maxReferenceLength = 1024;

export function withoutTagOrDigest(reference: string): string {
  if (reference.length > maxReferenceLength) {
    return '';
  }
  const at = reference.indexOf('@');
  const name = at === -1 ? reference : reference.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

const dockerHubAliases = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Whether the first part of a name is a registry host rather than a Docker Hub namespace. */
export function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** `docker.io/library/` or `docker.io/` in front of a name without a registry. */
export function withRegistry(name: string): string {
  const slash = name.indexOf('/');
  if (slash === -1) {
    return `docker.io/library/${name}`;
  }
  const first = name.slice(0, slash);
  if (!isRegistryHost(first)) {
    return `docker.io/${name}`;
  }
  const path = name.slice(slash + 1);
  if (dockerHubAliases.has(first)) {
    return path.includes('/') ? `docker.io/${path}` : `docker.io/library/${path}`;
  }
  return name;
}
