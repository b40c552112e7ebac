import { PackageURL } from 'packageurl-js';
import { InputError } from '../core/errors.js';
import {
  isOsPackageType,
  languagePackageTypes,
  osPackageTypes,
  type Package,
  type PackageType,
  type SourcePackage,
} from '../core/package.js';
import { joinLanguageName } from '../core/purl.js';
import type { SbomEntry } from './sbom-entry.js';

/** The purl types the matcher reads: OS packages and the language ecosystems. */
const knownTypes: ReadonlySet<string> = new Set<PackageType>([
  ...osPackageTypes,
  ...languagePackageTypes,
]);

export type PurlOutcome =
  | { kind: 'package'; pkg: Package; distro?: string }
  /** A type Palisade does not match (`oci`, `github`…), or a purl that does not parse at all. */
  | { kind: 'other'; type: string };

/**
 * Turns an entry into a package, all match-deciding fields taken from its purl: type, name,
 * version, `arch`, rpm `epoch`, and `upstream` as the source package. An OS-package purl that
 * cannot be read is an error rather than a skip: leaving it out would quietly drop the
 * package's vulnerabilities from every later reassessment.
 */
export function packageFromEntry(
  entry: SbomEntry,
  document: string,
  fallbackLocation: string
): PurlOutcome {
  const purl = parsePurl(entry, document);
  if (!purl) {
    return { kind: 'other', type: 'unreadable purl' };
  }
  const type = purl.type.toLowerCase();
  if (!knownTypes.has(type)) {
    return { kind: 'other', type };
  }
  if (!purl.version) {
    throw new InputError(
      `${document}: ${entry.where} has the package URL ${quote(entry.purl)} with no version, which matching needs`
    );
  }
  if (!isOsPackageType(type as PackageType)) {
    return {
      kind: 'package',
      pkg: {
        type: type as PackageType,
        name: joinLanguageName(type, purl.namespace ?? undefined, purl.name),
        version: purl.version,
        licenses: entry.licenses,
        purl: entry.purl,
        location: entry.location ?? fallbackLocation,
        ...(entry.evidence ? { evidence: entry.evidence } : {}),
        ...(entry.layer ? { layer: entry.layer } : {}),
      },
    };
  }
  const qualifiers = purl.qualifiers ?? {};
  const epoch = type === 'rpm' ? epochOf(qualifiers['epoch'], entry, document) : undefined;
  const source = sourceOf(entry, qualifiers['upstream'], purl.name);
  const pkg: Package = {
    type: type as PackageType,
    name: purl.name,
    version: purl.version,
    ...(epoch !== undefined ? { epoch } : {}),
    ...(qualifiers['arch'] ? { arch: qualifiers['arch'] } : {}),
    ...(source ? { source } : {}),
    licenses: entry.licenses,
    ...(entry.vendor ? { vendor: entry.vendor } : {}),
    // Kept as the SBOM spells it, so findings name the package the way the stored SBOM does.
    purl: entry.purl,
    location: entry.location ?? fallbackLocation,
    ...(entry.layer ? { layer: entry.layer } : {}),
  };
  const distro = qualifiers['distro'];
  return { kind: 'package', pkg, ...(distro ? { distro } : {}) };
}

function parsePurl(entry: SbomEntry, document: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(entry.purl);
  } catch (error) {
    if (
      /^pkg:\/*(deb|apk|rpm|npm|pypi|golang|maven|gem|cargo|nuget|composer)\//i.test(entry.purl)
    ) {
      throw new InputError(
        `${document}: ${entry.where} has a package URL that does not parse, ${quote(entry.purl)}: ${(error as Error).message}`,
        { cause: error }
      );
    }
    return undefined;
  }
}

function epochOf(text: string | undefined, entry: SbomEntry, document: string): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d{1,9}$/.test(text)) {
    throw new InputError(
      `${document}: ${entry.where} has the rpm epoch ${quote(text)}, which is not a whole number`
    );
  }
  return Number(text);
}

/**
 * The source package. Our own SBOMs state it in properties, which win; otherwise the purl's
 * `upstream` qualifier names it. Some tools write `upstream=name@version` when the source
 * version differs from the binary's; that version is taken too, since Debian advisories are
 * keyed by source version.
 */
function sourceOf(
  entry: SbomEntry,
  upstream: string | undefined,
  binaryName: string
): SourcePackage | undefined {
  const [upstreamName, upstreamVersion] = splitUpstream(upstream);
  const name = entry.source?.name ?? upstreamName;
  const version = entry.source?.version ?? upstreamVersion;
  if (name === undefined && version === undefined) {
    return undefined;
  }
  return { name: name ?? binaryName, ...(version ? { version } : {}) };
}

function splitUpstream(upstream: string | undefined): [string | undefined, string | undefined] {
  if (!upstream) {
    return [undefined, undefined];
  }
  const at = upstream.indexOf('@');
  if (at <= 0) {
    return [upstream, undefined];
  }
  return [upstream.slice(0, at), upstream.slice(at + 1) || undefined];
}

/** Quoted, and cut short: a purl is public, but a hostile one can be a megabyte long. */
function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
