import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import { sampleInventory, samplePackages } from '../testing/sample-inventory.js';
import { maxTableWidth } from './package-table.js';
import { tableFormat } from './table-format.js';

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[/;
// eslint-disable-next-line no-control-regex
const ansiCodes = /\u001b\[\d+m/g;

function render(inventory: Inventory, color = false): string {
  return tableFormat.render(inventory, { color });
}

/** The table row that starts with the package name, cells trimmed. */
function rowOf(text: string, name: string): string[] | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`│ ${name} `));
  return line
    ?.split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('table format', () => {
  const text = render(sampleInventory());

  it('opens with what was scanned', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('Image       docker.io/library/debian:12');
    expect(text).toContain(`Digest      sha256:${'ee'.repeat(32)}\n`);
    expect(text).toContain('Platform    linux/amd64\n');
    expect(text).toContain('OS          Debian GNU/Linux 12 (bookworm) [debian 12]\n');
    expect(text).toContain('Distroless  no\n');
    expect(text).toContain(`Layers      #0 sha256:${'a1'.repeat(32)}\n            #1 sha256:`);
  });

  it('counts packages by type', () => {
    expect(text).toContain('Packages    6 (apk 1, deb 3, maven 1, rpm 1)\n');
  });

  it('has one row per package: name, version, arch, source, layer', () => {
    expect(rowOf(text, 'NAME')).toEqual(['NAME', 'VERSION', 'ARCH', 'SOURCE', 'LAYER']);
    expect(rowOf(text, 'busybox')).toEqual([
      'busybox',
      '1.36.1-r29',
      'x86_64',
      'busybox',
      '#2 a3a3a3a3a3a3',
    ]);
    expect(rowOf(text, 'bsdutils')).toEqual([
      'bsdutils',
      '1:2.38.1-5+deb12u1',
      'amd64',
      'util-linux 2.38.1-5+deb12u1',
      '#0 a1a1a1a1a1a1',
    ]);
    expect(rowOf(text, 'libc6')).toEqual([
      'libc6',
      '2.36-9+deb12u7',
      'amd64',
      'glibc',
      '#0 a1a1a1a1a1a1',
    ]);
    expect(rowOf(text, 'zlib1g')).toEqual([
      'zlib1g',
      '1:1.2.13.dfsg-1',
      'amd64',
      'zlib',
      '#1 a2a2a2a2a2a2',
    ]);
    // rpm keeps its epoch apart in the inventory; people read it as part of the version.
    expect(rowOf(text, 'openssl-libs')).toEqual([
      'openssl-libs',
      '1:3.0.7-27.el9',
      'x86_64',
      'openssl',
      '#2 a3a3a3a3a3a3',
    ]);
  });

  it('lists rows in inventory order', () => {
    const order = ['busybox', 'bsdutils', 'libc6', 'zlib1g', 'openssl-libs'].map((name) =>
      text.indexOf(`│ ${name} `)
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(Math.min(...order)).toBeGreaterThan(0);
  });

  it('ends with the notes', () => {
    expect(
      text.endsWith('Notes\n  - usr/share/doc/big-file was larger than 64 MiB and was not read\n')
    ).toBe(true);
  });

  it('has no colour codes unless asked, and some when asked', () => {
    expect(text).not.toMatch(ansi);
    const colored = render(sampleInventory(), true);
    expect(colored).toMatch(ansi);
    expect(colored.replace(ansiCodes, '')).toBe(text);
  });

  it('stays within 100 columns when names and versions are long', () => {
    const long: Package = {
      ...samplePackages[2]!,
      name: 'libreoffice-l10n-extremely-long-package-name-for-testing-the-width',
      version: '1:7.4.7-1+deb12u1~bpo11+1.really.a.very.long.version.string',
      source: { name: 'libreoffice-source-package-with-a-long-name', version: '1:7.4.7-1' },
    };
    const inventory = { ...sampleInventory(), packages: [long] };
    const lines = render(inventory).split('\n');
    const tableLines = lines.filter((line) => /^[│┌├└]/.test(line));
    expect(tableLines.length).toBeGreaterThan(3);
    for (const line of tableLines) {
      expect(line.length).toBeLessThanOrEqual(maxTableWidth);
    }
    // Wrapped, not cut: every character of the name is still there.
    const nameColumn = tableLines.map((line) => line.split('│')[1]?.trim() ?? '').join('');
    expect(nameColumn).toContain(
      'libreoffice-l10n-extremely-long-package-name-for-testing-the-width'
    );
  });

  it('escapes control characters from the image instead of printing them', () => {
    const hostile: Package = { ...samplePackages[1]!, name: 'evil\u001b[2Jname\r' };
    const inventory = {
      ...sampleInventory(),
      packages: [hostile],
      notes: ['note with \u001b]0;title\u0007 in it'],
    };
    const out = render(inventory);
    expect(out).not.toMatch(ansi);
    expect(out).not.toContain('\r');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('evil\\u001b[2Jname\\u000d');
  });

  it('says so when there are no packages, and shows what it knows of a dir: scan', () => {
    const inventory: Inventory = {
      ...sampleInventory(),
      artifact: { name: 'dir:/rootfs', transport: 'dir', layers: [] },
      packages: [],
      notes: [],
    };
    delete inventory.os;
    const out = render(inventory);
    expect(out).toBe(
      [
        'Image       dir:/rootfs',
        'Transport   dir',
        'OS          unknown',
        'Packages    0',
        '',
        'No packages found.',
        '',
      ].join('\n')
    );
  });

  it('marks distroless images', () => {
    const inventory = sampleInventory();
    inventory.os = { ...inventory.os!, distroless: true };
    expect(render(inventory)).toContain('Distroless  yes\n');
  });
});
