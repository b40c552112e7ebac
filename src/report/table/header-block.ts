import type { Inventory } from '../../core/inventory.js';
import type { OsInfo } from '../../core/os.js';
import { printable, type TextStyle } from './text-style.js';

const labelWidth = 12;

/** The lines above the package table: what was scanned and what it turned out to be. */
export function headerBlock(inventory: Inventory, style: TextStyle): string[] {
  const { artifact } = inventory;
  const rows: [string, string | undefined][] = [
    ['Image', artifact.name],
    ['Transport', artifact.transport],
    ['Digest', artifact.manifestDigest],
    ['Index', artifact.indexDigest],
    ['Config', artifact.configDigest],
    ['Platform', platformText(inventory)],
    ['Created', artifact.created],
    ['OS', osText(inventory.os)],
    ['Distroless', inventory.os ? (inventory.os.distroless ? 'yes' : 'no') : undefined],
  ];
  const lines = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => line(label, value, style));
  artifact.layers.forEach((layer, position) => {
    lines.push(line(position === 0 ? 'Layers' : '', `#${layer.index} ${layer.digest}`, style));
  });
  lines.push(line('Packages', packageCounts(inventory), style));
  return lines;
}

function line(label: string, value: string, style: TextStyle): string {
  return `${style.bold(label.padEnd(labelWidth))}${printable(value)}`;
}

function platformText(inventory: Inventory): string | undefined {
  const platform = inventory.artifact.platform;
  if (!platform) {
    return undefined;
  }
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** `Debian GNU/Linux 12 (bookworm) [debian 12]`, or just the id when that is all there is. */
function osText(os: OsInfo | undefined): string {
  if (!os) {
    return 'unknown';
  }
  const id = [os.id, os.versionId].filter(Boolean).join(' ');
  return os.prettyName ? `${os.prettyName} [${id}]` : id;
}

/** `5 (apk 1, deb 3, rpm 1)`, types in the inventory's order. */
function packageCounts(inventory: Inventory): string {
  const counts = new Map<string, number>();
  for (const pkg of inventory.packages) {
    counts.set(pkg.type, (counts.get(pkg.type) ?? 0) + 1);
  }
  const byType = [...counts].map(([type, count]) => `${type} ${count}`).join(', ');
  return byType ? `${inventory.packages.length} (${byType})` : '0';
}
