import { inventorySchemaVersion } from '../../core/inventory.js';
import type { ReportFormat } from '../types.js';
import { canonicalInventory } from './canonical-inventory.js';

export const jsonFormat: ReportFormat = {
  id: 'json',
  description: `the inventory as JSON (schemaVersion ${inventorySchemaVersion}), the model other tools should read`,
  render(inventory) {
    return `${JSON.stringify(canonicalInventory(inventory), null, 2)}\n`;
  },
};
