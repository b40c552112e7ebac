import {
  cleanName,
  cleanValue,
  isMavenId,
  isReverseDomain,
  type Coordinates,
} from './coordinates.js';

/**
 * The main section of a `META-INF/MANIFEST.MF`: attribute names lower-cased (the JAR
 * specification compares them without case), values as written.
 *
 * Lines end in CRLF, LF or CR; a line starting with one space continues the one before (the
 * `jar` tool wraps at 72 bytes, and older JDKs split UTF-8 characters doing so, so lines are
 * joined as bytes and decoded after). The main section ends at the first blank line; the
 * per-entry sections after it say nothing about the archive. A later duplicate attribute wins,
 * as in `java.util.jar.Manifest`; a line with no colon is skipped.
 */
export function parseManifest(bytes: Buffer): Map<string, string> {
  // latin1 maps each byte to one code unit, so joining lines here joins bytes.
  const text = bytes.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  const attributes = new Map<string, string>();
  let current: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      break;
    }
    if (line.startsWith(' ')) {
      if (current !== undefined) {
        attributes.set(current, (attributes.get(current) ?? '') + line.slice(1));
      }
      continue;
    }
    const colon = line.indexOf(':');
    current = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : undefined;
    if (current !== undefined) {
      attributes.set(current, line.slice(colon + 1).replace(/^ /, ''));
    }
  }
  for (const [name, value] of attributes) {
    // Some Ant builds quoted their values: `Implementation-Version: "1.6"`.
    const decoded = Buffer.from(value, 'latin1').toString('utf8').trim();
    attributes.set(name, /^".*"$/.test(decoded) ? decoded.slice(1, -1) : decoded);
  }
  return attributes;
}

/** Versions hold no spaces; Gradle has written `task ':x:jar' property 'archiveVersion'`. */
function cleanVersion(value: string | undefined): string | undefined {
  const clean = cleanValue(value);
  return clean !== undefined && /\s/.test(clean) ? undefined : clean;
}

function first(attributes: ReadonlyMap<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = (name.endsWith('-version') ? cleanVersion : cleanName)(attributes.get(name));
    if (value !== undefined) {
      return value;
    }
  }
  return undefined;
}

/**
 * `com.fasterxml.jackson.core.jackson-databind;singleton:=true` → group
 * `com.fasterxml.jackson.core`, artifact `jackson-databind`. A name of fewer than three labels
 * (`org.foo`) or not a reverse domain (`jackson-databind`) gives no group.
 */
function splitSymbolicName(
  value: string | undefined
): { whole: string; group?: string; artifact?: string } | undefined {
  const whole = cleanName(value?.split(';')[0]);
  if (whole === undefined) {
    return undefined;
  }
  const dot = whole.lastIndexOf('.');
  if (!isReverseDomain(whole) || whole.split('.').length < 3) {
    return { whole };
  }
  return { whole, group: whole.slice(0, dot), artifact: whole.slice(dot + 1) };
}

/**
 * What a manifest says the archive is, when it names a version and something to call it.
 *
 * - version: `Implementation-Version`, else `Bundle-Version`, else `Specification-Version`;
 *   but the file name's version when that one extends it with build details (Kotlin's
 *   `kotlin-stdlib-2.1.0.jar` says `2.1.0-release-394`): the file name is what Maven published.
 * - group: `Implementation-Vendor-Id` when it is a reverse domain (`org.apache.commons`), else
 *   the `Bundle-SymbolicName` up to its last dot when that is one; otherwise none.
 * - artifact: the file name's artifact when the file name carries the same version (the file
 *   is then named as Maven names it, and `commons-lang3` beats the title `Apache Commons
 *   Lang`), else `Implementation-Title`, else the symbolic name's last label (or all of it),
 *   else `Specification-Title`. Values holding a `:` are passed over: it splits Maven names.
 */
/** `2.1.0-release-394`, `2.13.18.v20251115-1428` and `1.8.21(1.8.21)` extend `2.1.0`… */
function extendsVersion(stated: string, published: string): boolean {
  // `2.1.0` does not extend `2.1`: a dot and a digit continue the number itself.
  return stated.startsWith(published) && /^([-+_(]|\.\D)/.test(stated.slice(published.length));
}

export function manifestCoordinates(
  attributes: ReadonlyMap<string, string>,
  fromFileName?: { artifact: string; version: string }
): Coordinates | undefined {
  const stated = first(
    attributes,
    'implementation-version',
    'bundle-version',
    'specification-version'
  );
  if (stated === undefined) {
    return undefined;
  }
  const version =
    fromFileName && extendsVersion(stated, fromFileName.version) ? fromFileName.version : stated;
  const symbolic = splitSymbolicName(attributes.get('bundle-symbolicname'));
  const vendorId = first(attributes, 'implementation-vendor-id');
  const group =
    vendorId !== undefined && isMavenId(vendorId) && isReverseDomain(vendorId)
      ? vendorId
      : symbolic?.group;
  const artifact =
    (fromFileName?.version === version ? cleanName(fromFileName.artifact) : undefined) ??
    first(attributes, 'implementation-title') ??
    symbolic?.artifact ??
    symbolic?.whole ??
    first(attributes, 'specification-title');
  if (artifact === undefined) {
    return undefined;
  }
  return group === undefined ? { artifact, version } : { group, artifact, version };
}
