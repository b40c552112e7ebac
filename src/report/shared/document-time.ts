import type { Inventory } from '../../core/inventory.js';
import { InputError } from '../../core/errors.js';
import type { RenderContext } from '../types.js';

/**
 * The creation time an SBOM states: the caller's clock when given, else the scan's own time,
 * so that rendering one inventory twice gives byte-identical documents.
 */
export function documentTime(inventory: Inventory, context: RenderContext): Date {
  const time = context.now ?? new Date(inventory.createdAt);
  if (Number.isNaN(time.getTime())) {
    throw new InputError(
      `inventory createdAt is not a valid time: ${JSON.stringify(inventory.createdAt.slice(0, 40))}`
    );
  }
  return time;
}
