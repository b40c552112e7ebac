import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { Inventory } from '../../core/inventory.js';
import { documentTime } from '../shared/document-time.js';
import { nameBasedUuid } from '../shared/document-uuid.js';
import { groupByPurl } from '../shared/unique-packages.js';
import type { ReportFormat } from '../types.js';
import { imageComponent, osComponent, packageComponent } from './components.js';
import { addReportContext, vulnerabilityEntries } from './vulnerabilities.js';

const serializer = new Serialize.JsonSerializer(
  new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6)
);

export const cyclonedxFormat: ReportFormat = {
  id: 'cyclonedx',
  description: 'CycloneDX 1.6 JSON SBOM',
  render(inventory, context) {
    const bom = buildBom(inventory, documentTime(inventory, context));
    // The library's list sorting uses localeCompare; the inventory is already in a fixed,
    // locale-independent order, so keep it.
    return `${serializer.serialize(bom, { sortLists: false, space: 2 })}\n`;
  },
};

function buildBom(inventory: Inventory, time: Date): Models.Bom {
  const image = imageComponent(inventory);
  const bom = new Models.Bom({
    serialNumber: `urn:uuid:${nameBasedUuid(`cyclonedx\n${time.toISOString()}\n${JSON.stringify(inventory)}`)}`,
    metadata: new Models.Metadata({
      timestamp: time,
      component: image,
      tools: new Models.Tools({
        components: new Models.ComponentRepository([
          new Models.Component(Enums.ComponentType.Application, inventory.tool.name, {
            version: inventory.tool.version,
          }),
        ]),
      }),
    }),
  });
  if (inventory.os) {
    const os = osComponent(inventory.os);
    bom.components.add(os);
    image.dependencies.add(os.bomRef);
  }
  const byPurl = new Map<string, Models.Component>();
  for (const group of groupByPurl(inventory.packages)) {
    const component = packageComponent(group);
    bom.components.add(component);
    image.dependencies.add(component.bomRef);
    byPurl.set(group.first.purl, component);
  }
  if (inventory.vulnerabilities) {
    addReportContext(inventory.vulnerabilities, bom.metadata, byPurl);
    for (const entry of vulnerabilityEntries(inventory.vulnerabilities, byPurl)) {
      bom.vulnerabilities.add(entry);
    }
  }
  return bom;
}
