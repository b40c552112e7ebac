import type { Inventory } from '../core/inventory.js';

export type FormatId = 'table' | 'json' | 'cyclonedx' | 'spdx' | 'sarif';

export interface RenderContext {
  /** Whether ANSI colour codes may be used; only the table format has any. */
  color: boolean;
  /**
   * The document's creation time. Defaults to the inventory's `createdAt`, so rendering the
   * same inventory twice gives the same bytes.
   */
  now?: Date;
  /**
   * Whether the table lists the findings a policy set aside, each with its reason. Off by
   * default so the table shows what needs doing; the count of suppressed findings is always
   * shown. Machine formats always carry them, marked as suppressed.
   */
  showSuppressed?: boolean;
}

/**
 * One output format. `render` returns the whole document (ending in a newline) so the CLI
 * can write it atomically: a half-written SBOM must never look like a finished one.
 */
export interface ReportFormat {
  readonly id: FormatId;
  readonly description: string;
  render(inventory: Inventory, context: RenderContext): string;
}
