import type { Inventory } from '../../core/inventory.js';
import { documentTime } from '../shared/document-time.js';
import { nameBasedUuid } from '../shared/document-uuid.js';
import { groupByPurl } from '../shared/unique-packages.js';
import type { ReportFormat } from '../types.js';
import type { SpdxDocument, SpdxPackage, SpdxRelationship } from './spdx-document.js';
import { packageSpdxIds, sanitise } from './spdx-ids.js';
import { imagePackage, imageSpdxId, libraryPackage, osPackage, osSpdxId } from './spdx-packages.js';

/**
 * Document namespaces must be unique URIs but need not resolve. Palisade owns no domain, so it
 * uses the reserved `.invalid` TLD (RFC 2606) rather than borrow a name someone else may own.
 */
const namespaceBase = 'https://palisade.invalid/spdx';

export const spdxFormat: ReportFormat = {
  id: 'spdx',
  description: 'SPDX 2.3 JSON SBOM',
  render(inventory, context) {
    return `${JSON.stringify(buildDocument(inventory, documentTime(inventory, context)), null, 2)}\n`;
  },
};

function buildDocument(inventory: Inventory, time: Date): SpdxDocument {
  const groups = groupByPurl(inventory.packages);
  const ids = packageSpdxIds(groups.map((group) => group.first));
  const packages: SpdxPackage[] = [imagePackage(inventory)];
  const relationships: SpdxRelationship[] = [
    {
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: imageSpdxId,
    },
  ];
  if (inventory.os) {
    packages.push(osPackage(inventory.os));
    relationships.push(contains(osSpdxId));
  }
  for (const group of groups) {
    const id = ids.get(group.first.purl) ?? '';
    packages.push(libraryPackage(group, id));
    relationships.push(contains(id));
  }
  const created = time.toISOString().replace(/\.\d+Z$/, 'Z');
  const uuid = nameBasedUuid(`spdx\n${created}\n${JSON.stringify(inventory)}`);
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: inventory.artifact.name,
    documentNamespace: `${namespaceBase}/${sanitise(inventory.artifact.transport)}/${sanitise(inventory.artifact.name)}-${uuid}`,
    // SPDX wants whole seconds: YYYY-MM-DDThh:mm:ssZ.
    creationInfo: { created, creators: [`Tool: ${inventory.tool.name}-${inventory.tool.version}`] },
    packages,
    relationships,
  };
}

function contains(id: string): SpdxRelationship {
  return { spdxElementId: imageSpdxId, relationshipType: 'CONTAINS', relatedSpdxElement: id };
}
