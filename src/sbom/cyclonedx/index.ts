import { InputError } from '../../core/errors.js';
import type { OsInfo } from '../../core/os.js';
import { parseValue } from '../../core/parse.js';
import type { SbomSubject } from '../artifact.js';
import { buildInventory } from '../build-inventory.js';
import { isRecord } from '../../core/is-record.js';
import type { SbomEntry } from '../sbom-entry.js';
import type { SbomReader } from '../types.js';
import { firstProperty, layerOf, palisadeProperties } from './properties.js';
import { Bom, Component, LicenseChoice, supportedSpecVersions } from './schema.js';
import { allComponents, type PlacedComponent } from './walk.js';

/** Component types that stand for installed software; the rest (files, data, devices) are not packages. */
const packageTypes: ReadonlySet<string> = new Set(['library', 'application']);

export const reader: SbomReader = {
  id: 'cyclonedx',
  description: 'CycloneDX JSON 1.4 to 1.6',
  detect(doc) {
    return isRecord(doc) && doc['bomFormat'] === 'CycloneDX';
  },
  read(doc, source) {
    const specVersion = isRecord(doc) ? doc['specVersion'] : undefined;
    if (!supportedSpecVersions.includes(specVersion as (typeof supportedSpecVersions)[number])) {
      throw new InputError(
        `${source} is CycloneDX ${typeof specVersion === 'string' ? specVersion : '(no specVersion)'}; Palisade reads CycloneDX JSON ${supportedSpecVersions.join(', ')}`
      );
    }
    const bom = parseValue(Bom, doc, source);
    const components = allComponents(bom.components ?? [], source);
    const entries: SbomEntry[] = [];
    let os: OsInfo | undefined;
    let withoutPurl = 0;
    for (const placed of components) {
      const { component } = placed;
      if (component.type === 'operating-system') {
        os ??= osOf(component);
      } else if (packageTypes.has(component.type)) {
        if (component.purl) {
          entries.push(entryOf(placed, component.purl));
        } else {
          withoutPurl += 1;
        }
      }
    }
    return buildInventory(
      {
        format: `CycloneDX ${bom.specVersion}`,
        ...(bom.metadata?.timestamp ? { created: bom.metadata.timestamp } : {}),
        ...subjectOf(bom, source),
        ...(os ? { os } : {}),
        entries,
        withoutPurl,
        notes:
          bom.vulnerabilities && bom.vulnerabilities.length > 0
            ? ['the SBOM’s own vulnerabilities section was not read: findings are matched afresh']
            : [],
      },
      source
    );
  },
};

function subjectOf(bom: Bom, source: string): { subject?: SbomSubject } {
  if (bom.metadata?.component === undefined) {
    return {};
  }
  const component = parseValue(Component, bom.metadata.component, `${source}: metadata.component`);
  return {
    subject: {
      name: component.name,
      ...(component.version ? { version: component.version } : {}),
      ...(component.purl ? { purl: component.purl } : {}),
    },
  };
}

function osOf(component: Component): OsInfo {
  return {
    id: component.name.toLowerCase(),
    ...(component.version ? { versionId: component.version } : {}),
    ...(component.description ? { prettyName: component.description } : {}),
    idLike: [],
    distroless: firstProperty(component, palisadeProperties.distroless) === 'true',
    source: 'CycloneDX operating-system component',
  };
}

function entryOf({ where, component }: PlacedComponent, purl: string): SbomEntry {
  const sourceName = firstProperty(component, palisadeProperties.sourceName);
  const sourceVersion = firstProperty(component, palisadeProperties.sourceVersion);
  const location = firstProperty(component, palisadeProperties.location);
  const evidence = firstProperty(component, palisadeProperties.evidence);
  const layer = layerOf(component);
  return {
    where: `${where} (${component.name})`,
    purl,
    licenses: licensesOf(component),
    ...(component.supplier?.name ? { vendor: component.supplier.name } : {}),
    ...(location ? { location } : {}),
    ...(evidence ? { evidence } : {}),
    ...(layer ? { layer } : {}),
    ...(sourceName || sourceVersion
      ? {
          source: {
            ...(sourceName ? { name: sourceName } : {}),
            ...(sourceVersion ? { version: sourceVersion } : {}),
          },
        }
      : {}),
  };
}

/** Licence ids, names or expressions, as given; entries of another shape are passed over. */
function licensesOf(component: Component): string[] {
  const licenses: string[] = [];
  for (const item of component.licenses ?? []) {
    const parsed = LicenseChoice.safeParse(item);
    if (!parsed.success) {
      continue;
    }
    const text =
      'expression' in parsed.data
        ? parsed.data.expression
        : (parsed.data.license.id ?? parsed.data.license.name);
    if (text) {
      licenses.push(text);
    }
  }
  return licenses;
}
