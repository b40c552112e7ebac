import Table from 'cli-table3';
import type { Package } from '../../core/package.js';
import { packageVersion } from '../shared/package-version.js';
import { printable, type TextStyle } from './text-style.js';

/** The whole table, borders included, fits a 100-column terminal. */
export const maxTableWidth = 100;

const headings = ['NAME', 'VERSION', 'ARCH', 'SOURCE', 'LAYER'];
/** Columns that give up width when the table is too wide: the long free-text ones. */
const shrinkable = new Set([0, 1, 3]);
const minColumnWidth = 12;
/** Hex digits of the layer digest shown: as many as `docker images` shows for an id. */
const shortDigestLength = 12;

export function packageTable(packages: readonly Package[], style: TextStyle): string {
  const rows = packages.map(packageRow);
  const table = new Table({
    // Headings always fit (no column shrinks below the longest); they hold the only colour
    // codes, which cli-table3's character-counting wrap would cut in half.
    head: headings.map((heading) => style.bold(heading)),
    colWidths: columnWidths(rows),
    style: { head: [], border: [], compact: true },
  });
  table.push(
    ...rows.map((row) =>
      // Versions and names have no spaces to break at; breaking inside them beats truncating.
      row.map((content) => ({ content, wordWrap: true, wrapOnWordBoundary: false }))
    )
  );
  return table.toString();
}

function packageRow(pkg: Package): string[] {
  return [
    printable(pkg.name),
    printable(packageVersion(pkg)),
    printable(pkg.arch ?? ''),
    printable(sourceText(pkg)),
    pkg.layer ? `#${pkg.layer.index} ${shortDigest(pkg.layer.digest)}` : '',
  ];
}

/** The source package, with its version only when it differs from the binary's. */
function sourceText(pkg: Package): string {
  if (!pkg.source) {
    return '';
  }
  const { name, version } = pkg.source;
  return version && version !== pkg.version ? `${name} ${version}` : name;
}

function shortDigest(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1).slice(0, shortDigestLength);
}

/**
 * Each column as wide as its widest cell (plus one space of padding each side); while the
 * table is wider than `maxTableWidth`, the widest shrinkable column gives up one character.
 */
function columnWidths(rows: readonly string[][]): number[] {
  const widths = headings.map(
    (heading, column) =>
      Math.max(heading.length, ...rows.map((row) => displayLength(row[column] ?? ''))) + 2
  );
  const borders = headings.length + 1;
  let total = widths.reduce((sum, width) => sum + width, borders);
  while (total > maxTableWidth) {
    const widest = widestShrinkable(widths);
    if (widest === undefined) {
      break;
    }
    widths[widest] = (widths[widest] ?? 0) - 1;
    total--;
  }
  return widths;
}

function widestShrinkable(widths: readonly number[]): number | undefined {
  let widest: number | undefined;
  widths.forEach((width, column) => {
    if (shrinkable.has(column) && width > minColumnWidth && width > (widths[widest ?? -1] ?? 0)) {
      widest = column;
    }
  });
  return widest;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Close enough for sizing: cli-table3 measures real terminal width when it lays the table out.
function displayLength(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}
