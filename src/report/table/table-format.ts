import type { ReportFormat } from '../types.js';
import { headerBlock } from './header-block.js';
import { packageTable } from './package-table.js';
import { printable, textStyle } from './text-style.js';
import { vulnerabilitySection } from './vulnerability-section.js';

export const tableFormat: ReportFormat = {
  id: 'table',
  description:
    'a summary, a package table and any vulnerabilities, for people to read (not a stable format)',
  render(inventory, context) {
    const style = textStyle(context.color);
    const sections = [headerBlock(inventory, style).join('\n')];
    sections.push(
      inventory.packages.length > 0
        ? packageTable(inventory.packages, style)
        : style.dim('No packages found.')
    );
    if (inventory.vulnerabilities) {
      sections.push(
        ...vulnerabilitySection(inventory.vulnerabilities, style, context.showSuppressed ?? false)
      );
    }
    if (inventory.notes.length > 0) {
      sections.push(
        [
          style.bold('Notes'),
          ...inventory.notes.map((note) => style.warn(`  - ${printable(note)}`)),
        ].join('\n')
      );
    }
    return `${sections.join('\n\n')}\n`;
  },
};
