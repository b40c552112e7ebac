import { Enums, Models } from '@cyclonedx/cyclonedx-library';
import type { Inventory } from '../../core/inventory.js';
import type { OsInfo } from '../../core/os.js';
import { isOsPackageType } from '../../core/package.js';
import { splitLanguageName } from '../../core/purl.js';
import { imagePurl } from '../shared/image-purl.js';
import { packageVersion } from '../shared/package-version.js';
import type { PackageGroup } from '../shared/unique-packages.js';
import { componentLicenses } from './licenses.js';

/** Property names under Palisade's own prefix, as the CycloneDX property taxonomy asks. */
export const propertyNames = {
  layerDigest: 'palisade:layer:digest',
  layerDiffId: 'palisade:layer:diffId',
  /** The layer's position, base = 0: with it a stored SBOM gives back the whole layer reference. */
  layerIndex: 'palisade:layer:index',
  location: 'palisade:package:location',
  /** What inside the file named the package: a jar's pom.properties, its manifest, its name. */
  evidence: 'palisade:package:evidence',
  sourceName: 'palisade:package:source-name',
  sourceVersion: 'palisade:package:source-version',
  distroless: 'palisade:os:distroless',
} as const;

/** The scanned image, the BOM's subject. Its bom-ref is its purl when it has one. */
export function imageComponent(inventory: Inventory): Models.Component {
  const { artifact } = inventory;
  const purl = imagePurl(artifact);
  return new Models.Component(Enums.ComponentType.Container, artifact.name, {
    bomRef: purl ?? `palisade:image:${artifact.name}`,
    ...(artifact.manifestDigest ? { version: artifact.manifestDigest } : {}),
    ...(purl ? { purl } : {}),
  });
}

export function osComponent(os: OsInfo): Models.Component {
  const component = new Models.Component(Enums.ComponentType.OperatingSystem, os.id, {
    bomRef: `palisade:os:${os.id}${os.versionId ? `@${os.versionId}` : ''}`,
    ...(os.versionId ? { version: os.versionId } : {}),
    ...(os.prettyName ? { description: os.prettyName } : {}),
  });
  component.properties.add(new Models.Property(propertyNames.distroless, String(os.distroless)));
  return component;
}

/**
 * One library component per package URL. Records that share the purl add their locations
 * and layers as further properties (CycloneDX allows a property name more than once).
 */
export function packageComponent(group: PackageGroup): Models.Component {
  const pkg = group.first;
  // CycloneDX keeps a Maven group or an npm scope apart from the name, as the purl does.
  const [namespace, name] = isOsPackageType(pkg.type)
    ? [undefined, pkg.name]
    : splitLanguageName(pkg.type, pkg.name);
  const component = new Models.Component(Enums.ComponentType.Library, name, {
    ...(namespace ? { group: namespace } : {}),
    bomRef: pkg.purl,
    purl: pkg.purl,
    version: packageVersion(pkg),
    licenses: componentLicenses(pkg.licenses),
    ...(pkg.vendor ? { supplier: new Models.OrganizationalEntity({ name: pkg.vendor }) } : {}),
  });
  const properties: [string, string | undefined][] = [];
  for (const record of group.all) {
    properties.push(
      [propertyNames.layerDigest, record.layer?.digest],
      [propertyNames.layerDiffId, record.layer?.diffId],
      [propertyNames.layerIndex, record.layer ? String(record.layer.index) : undefined],
      [propertyNames.location, record.location],
      [propertyNames.evidence, record.evidence]
    );
  }
  properties.push(
    [propertyNames.sourceName, pkg.source?.name],
    [propertyNames.sourceVersion, pkg.source?.version]
  );
  const seen = new Set<string>();
  for (const [name, value] of properties) {
    const key = `${name}\u0000${value ?? ''}`;
    if (value !== undefined && value !== '' && !seen.has(key)) {
      seen.add(key);
      component.properties.add(new Models.Property(name, value));
    }
  }
  return component;
}
