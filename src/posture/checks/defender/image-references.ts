/**
 * The repository of an image reference, fully qualified the way a container runtime reads it:
 * `nginx:1.27` → `docker.io/library/nginx`, `ghcr.io/org/app@sha256:…` → `ghcr.io/org/app`.
 * The first path component is a registry only when it has a dot or a port or is `localhost`;
 * tags and digests are dropped; the result is lower-case.
 */
export function imageRepository(image: string): string {
  let rest = image.trim().toLowerCase();
  const at = rest.indexOf('@');
  if (at >= 0) {
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasRegistry =
    slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? rest.slice(slash + 1) : rest;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    registry = 'docker.io';
  }
  if (registry === 'docker.io' && !path.includes('/')) {
    path = `library/${path}`;
  }
  return `${registry}/${path}`;
}

/**
 * Whether a repository sits under a prefix, at a path boundary: `registry.example` matches
 * `registry.example/app` but not `registry.example.evil/app`; `docker.io/library` matches
 * `docker.io/library/nginx`. Prefixes are compared lower-case, without a trailing `/`.
 */
export function underPrefix(repository: string, prefix: string): boolean {
  const normalised = prefix.trim().toLowerCase().replace(/\/+$/, '');
  return (
    normalised !== '' && (repository === normalised || repository.startsWith(`${normalised}/`))
  );
}
