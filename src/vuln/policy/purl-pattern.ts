import { PackageURL } from 'packageurl-js';

/** A package URL taken apart, so two can be compared by component rather than by text. */
export interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Readonly<Record<string, string>>;
}

/** A package URL a user wrote to select packages, kept with its text for messages. */
export interface PurlPattern extends PurlParts {
  text: string;
}

/**
 * Takes a package URL apart, or returns undefined when it is not one. packageurl-js decodes
 * percent-escapes and applies each type's normalisation (deb names are lower case), so
 * `pkg:deb/debian/OpenSSL` and `pkg:deb/debian/openssl` come out the same.
 */
export function parsePurl(text: string): PurlParts | undefined {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text);
  } catch {
    return undefined;
  }
  return {
    type: purl.type.toLowerCase(),
    ...(purl.namespace ? { namespace: purl.namespace } : {}),
    name: purl.name,
    ...(purl.version ? { version: purl.version } : {}),
    qualifiers: purl.qualifiers ?? {},
  };
}

/** As `parsePurl`, for text a user wrote: a bad one is an error the caller words. */
export function parsePurlPattern(text: string): PurlPattern | { error: string } {
  const trimmed = text.trim();
  if (!/^pkg:/i.test(trimmed)) {
    return { error: 'is not a package URL (it must start with pkg:)' };
  }
  const parts = parsePurl(trimmed);
  return parts ? { ...parts, text: trimmed } : { error: 'is not a valid package URL' };
}

/**
 * Whether a pattern selects a package. Type, namespace and name must be equal; the version
 * and each qualifier only when the pattern states them. So `pkg:deb/debian/openssl` selects
 * every openssl the scan finds, `…@3.0.11-1~deb12u2` only that version, `…?arch=arm64` only
 * that architecture. Versions compare as text: a range or a version without its epoch selects
 * nothing, because a policy that silently matched more than was written would hide findings.
 */
export function purlMatches(pattern: PurlParts, target: PurlParts): boolean {
  if (
    pattern.type !== target.type ||
    (pattern.namespace ?? '') !== (target.namespace ?? '') ||
    pattern.name !== target.name
  ) {
    return false;
  }
  if (pattern.version !== undefined && pattern.version !== target.version) {
    return false;
  }
  return Object.entries(pattern.qualifiers).every(
    ([key, value]) => target.qualifiers[key] === value
  );
}
