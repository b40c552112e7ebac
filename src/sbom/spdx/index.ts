import { InputError } from '../../core/errors.js';
import type { OsInfo } from '../../core/os.js';
import { parseValue } from '../../core/parse.js';
import type { SbomSubject } from '../artifact.js';
import { buildInventory } from '../build-inventory.js';
import { isRecord } from '../../core/is-record.js';
import type { SbomEntry } from '../sbom-entry.js';
import type { SbomReader } from '../types.js';
import { SpdxDocument, supportedSpdxVersions, type SpdxPackage } from './schema.js';
import { parseSourceInfo, writtenByPalisade } from './source-info.js';

/** SPDX 2.2 spells the category with an underscore, 2.3 with a hyphen. */
const packageManagerCategories: ReadonlySet<string> = new Set([
  'PACKAGE-MANAGER',
  'PACKAGE_MANAGER',
]);

/** The first SPDX 2.3 JSON schema spelled it with an underscore; the text, with a hyphen. */
const osPurposes: ReadonlySet<string> = new Set(['OPERATING-SYSTEM', 'OPERATING_SYSTEM']);

const unasserted: ReadonlySet<string> = new Set(['NOASSERTION', 'NONE', '']);

export const reader: SbomReader = {
  id: 'spdx',
  description: 'SPDX 2.2 and 2.3 JSON',
  detect(doc) {
    return (
      isRecord(doc) &&
      typeof doc['spdxVersion'] === 'string' &&
      doc['spdxVersion'].startsWith('SPDX-')
    );
  },
  read(doc, source) {
    const version = isRecord(doc) ? doc['spdxVersion'] : undefined;
    if (!supportedSpdxVersions.includes(version as (typeof supportedSpdxVersions)[number])) {
      throw new InputError(
        `${source} is ${String(version)}; Palisade reads SPDX JSON ${supportedSpdxVersions.join(', ')}`
      );
    }
    const document = parseValue(SpdxDocument, doc, source);
    const packages = document.packages ?? [];
    const ours = writtenByPalisade(document.creationInfo?.creators);
    const subject = subjectOf(document, packages);
    const entries: SbomEntry[] = [];
    let os: OsInfo | undefined;
    let withoutPurl = 0;
    for (const [index, pkg] of packages.entries()) {
      const purl = purlOf(pkg);
      if (pkg.primaryPackagePurpose !== undefined && osPurposes.has(pkg.primaryPackagePurpose)) {
        os ??= osOf(pkg);
        continue;
      }
      if (pkg === subject && !isOsPackagePurl(purl)) {
        // The image itself, not something installed in it.
        continue;
      }
      if (purl) {
        entries.push(entryOf(pkg, purl, `packages[${index}] (${pkg.name})`, ours));
      } else {
        withoutPurl += 1;
      }
    }
    const created = document.creationInfo?.created;
    return buildInventory(
      {
        format: document.spdxVersion,
        ...(created ? { created } : {}),
        ...(subject ? { subject: subjectFields(subject) } : {}),
        ...(os ? { os } : {}),
        entries,
        withoutPurl,
        notes: [],
      },
      source
    );
  },
};

/**
 * The image the document describes: the CONTAINER package (SPDX 2.3), else the package the
 * document DESCRIBES (SPDX 2.2 has no purposes).
 */
function subjectOf(
  document: SpdxDocument,
  packages: readonly SpdxPackage[]
): SpdxPackage | undefined {
  const container = packages.find((pkg) => pkg.primaryPackagePurpose === 'CONTAINER');
  if (container) {
    return container;
  }
  const described = [
    ...(document.documentDescribes ?? []),
    ...(document.relationships ?? [])
      .filter(
        (relation) =>
          relation.spdxElementId === 'SPDXRef-DOCUMENT' && relation.relationshipType === 'DESCRIBES'
      )
      .map((relation) => relation.relatedSpdxElement),
  ];
  // Only one described package is a subject; a document describing many is a plain list.
  const ids = new Set(described);
  if (ids.size !== 1) {
    return undefined;
  }
  return packages.find((pkg) => ids.has(pkg.SPDXID));
}

function subjectFields(pkg: SpdxPackage): SbomSubject {
  const purl = purlOf(pkg);
  return {
    name: pkg.name,
    ...(pkg.versionInfo ? { version: pkg.versionInfo } : {}),
    ...(purl ? { purl } : {}),
  };
}

function purlOf(pkg: SpdxPackage): string | undefined {
  return pkg.externalRefs?.find(
    (ref) => packageManagerCategories.has(ref.referenceCategory) && ref.referenceType === 'purl'
  )?.referenceLocator;
}

function isOsPackagePurl(purl: string | undefined): boolean {
  return purl !== undefined && /^pkg:\/*(deb|apk|rpm)\//i.test(purl);
}

function osOf(pkg: SpdxPackage): OsInfo {
  return {
    id: pkg.name.toLowerCase(),
    ...(pkg.versionInfo ? { versionId: pkg.versionInfo } : {}),
    ...(pkg.description ? { prettyName: pkg.description } : {}),
    idLike: [],
    distroless: false,
    source: 'SPDX OPERATING-SYSTEM package',
  };
}

function entryOf(pkg: SpdxPackage, purl: string, where: string, ours: boolean): SbomEntry {
  const info = ours && pkg.sourceInfo ? parseSourceInfo(pkg.sourceInfo) : {};
  const declared = pkg.licenseDeclared;
  const vendor = /^Organization:\s*(?<name>.+)$/.exec(pkg.supplier ?? '')?.groups?.['name'];
  return {
    where,
    purl,
    licenses: declared !== undefined && !unasserted.has(declared) ? [declared] : [],
    ...(vendor ? { vendor } : {}),
    ...(info.location ? { location: info.location } : {}),
    ...(info.source ? { source: info.source } : {}),
  };
}
