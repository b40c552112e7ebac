import { versionSchemes } from './api.js';
import type { VersionScheme } from './types.js';

export { InvalidVersionError, type VersionScheme } from './types.js';
export { versionSchemes } from './api.js';

const byEcosystem = new Map<string, VersionScheme>(
  [...versionSchemes.values()].flatMap((scheme) =>
    scheme.ecosystems.map((ecosystem) => [ecosystem.toLowerCase(), scheme] as const)
  )
);

/** The scheme for an OSV ecosystem (`Debian:12` and `Debian` alike), or undefined. */
export function schemeForEcosystem(ecosystem: string): VersionScheme | undefined {
  const colon = ecosystem.indexOf(':');
  const base = colon < 0 ? ecosystem : ecosystem.slice(0, colon);
  return byEcosystem.get(base.toLowerCase());
}
