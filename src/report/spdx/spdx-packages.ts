import type { Inventory } from '../../core/inventory.js';
import type { OsInfo } from '../../core/os.js';
import { imagePurl } from '../shared/image-purl.js';
import { packageVersion } from '../shared/package-version.js';
import { spdxExpression } from '../shared/spdx-expression.js';
import type { PackageGroup } from '../shared/unique-packages.js';
import { noAssertion, type SpdxExternalRef, type SpdxPackage } from './spdx-document.js';

export const imageSpdxId = 'SPDXRef-Image';
export const osSpdxId = 'SPDXRef-OperatingSystem';

export function imagePackage(inventory: Inventory): SpdxPackage {
  const { artifact } = inventory;
  return {
    SPDXID: imageSpdxId,
    name: artifact.name,
    ...(artifact.manifestDigest ? { versionInfo: artifact.manifestDigest } : {}),
    ...unassertedFields(),
    ...externalRefs(imagePurl(artifact)),
    primaryPackagePurpose: 'CONTAINER',
  };
}

/**
 * The OS as a package. The SPDX 2.3 text spells the purpose `OPERATING-SYSTEM`; the first
 * 2.3 JSON schema said `OPERATING_SYSTEM` and was later corrected to the text's spelling.
 */
export function osPackage(os: OsInfo): SpdxPackage {
  return {
    SPDXID: osSpdxId,
    name: os.id,
    ...(os.versionId ? { versionInfo: os.versionId } : {}),
    ...unassertedFields(),
    ...(os.prettyName ? { description: os.prettyName } : {}),
    primaryPackagePurpose: 'OPERATING-SYSTEM',
  };
}

export function libraryPackage(group: PackageGroup, spdxId: string): SpdxPackage {
  const pkg = group.first;
  return {
    SPDXID: spdxId,
    name: pkg.name,
    versionInfo: packageVersion(pkg),
    ...unassertedFields(),
    supplier: pkg.vendor ? `Organization: ${oneLine(pkg.vendor)}` : noAssertion,
    sourceInfo: sourceInfo(group),
    licenseDeclared: spdxExpression(pkg.licenses) ?? noAssertion,
    ...externalRefs(pkg.purl),
    primaryPackagePurpose: 'LIBRARY',
  };
}

/**
 * What a scan of package databases cannot know: where the package was downloaded from, what
 * licence a reviewer would conclude, the copyright text. SPDX asks for NOASSERTION rather than
 * a guess. `filesAnalyzed: false` because the inventory lists packages, not their files.
 */
function unassertedFields(): Pick<
  SpdxPackage,
  | 'supplier'
  | 'downloadLocation'
  | 'filesAnalyzed'
  | 'licenseConcluded'
  | 'licenseDeclared'
  | 'copyrightText'
> {
  return {
    supplier: noAssertion,
    downloadLocation: noAssertion,
    filesAnalyzed: false,
    licenseConcluded: noAssertion,
    licenseDeclared: noAssertion,
    copyrightText: noAssertion,
  };
}

function externalRefs(purl: string | undefined): { externalRefs?: SpdxExternalRef[] } {
  if (!purl) {
    return {};
  }
  return {
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl },
    ],
  };
}

/** Where the record came from and what it was built from, for a person auditing the SBOM. */
function sourceInfo(group: PackageGroup): string {
  const found = group.all.map((record) => {
    const layer = record.layer ? ` in layer ${record.layer.digest}` : '';
    return `${record.location}${layer}`;
  });
  const parts = [`listed in ${[...new Set(found)].join(', ')}`];
  const evidence = group.all.flatMap((record) => (record.evidence ? [record.evidence] : []));
  if (evidence.length > 0) {
    parts.push(`named by ${[...new Set(evidence)].join(', ')}`);
  }
  const source = group.first.source;
  if (source) {
    parts.push(
      `built from source package ${[source.name, source.version].filter(Boolean).join(' ')}`
    );
  }
  return parts.join('; ');
}

// Agent fields are single-line `Organization: name (email)` values.
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
