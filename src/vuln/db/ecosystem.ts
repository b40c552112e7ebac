/**
 * OSV writes an OS release into the ecosystem (`Debian:12`, `Alpine:v3.20`,
 * `Ubuntu:22.04:LTS`, `Ubuntu:Pro:18.04:LTS`); language ecosystems have none (`PyPI`). The
 * database keys rows by the base and the release apart, so an image's OS finds its release.
 */
export interface EcosystemKey {
  /** `Debian`, `Alpine`, `PyPI`, … as OSV spells it. */
  ecosystem: string;
  /** `12`, `3.20`, `22.04`; empty for ecosystems without releases. */
  release: string;
}

export function splitEcosystem(text: string): EcosystemKey {
  const parts = text.split(':');
  const ecosystem = parts[0] ?? '';
  const rest = parts.slice(1).filter((part) => part !== 'LTS' && part !== 'Pro');
  const release = (rest[0] ?? '').replace(/^v(?=\d)/, '');
  return { ecosystem, release };
}

/**
 * Package names as the database stores them. PyPI names compare after PEP 503
 * normalisation (`Foo_Bar` is `foo-bar`); other ecosystems compare names exactly.
 */
export function normalisePackageName(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}
