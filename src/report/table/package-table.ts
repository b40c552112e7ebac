import Table from 'cli-table3';
import type { Package } from '../../core/package.js';
import { packageVersion } from '../shared/package-version.js';
import { columnWidths, type ShrinkStep } from './column-widths.js';
import { printable, type TextStyle } from './text-style.js';

export { maxTableWidth } from './column-widths.js';

const headings = ['NAME', 'VERSION', 'ARCH', 'SOURCE', 'LAYER'];
/** Columns that give up width when the table is too wide: the long free-text ones. */
const shrink: ShrinkStep[] = [{ columns: new Set([0, 1, 3]), min: 12 }];
/** Hex digits of the layer digest shown: as many as `docker images` shows for an id. */
const shortDigestLength = 12;

export function packageTable(packages: readonly Package[], style: TextStyle): string {
  const rows = packages.map(packageRow);
  const table = new Table({
    // Headings always fit (no column shrinks below the longest); they hold the only colour
    // codes, which cli-table3's character-counting wrap would cut in half.
    head: headings.map((heading) => style.bold(heading)),
    colWidths: columnWidths(headings, rows, shrink),
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
