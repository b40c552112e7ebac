import { createHash } from 'node:crypto';
import type { Package } from '../../core/package.js';

/** SPDX 2.3 element ids: `SPDXRef-` then letters, digits, `.` and `-` only. */
export const spdxIdPattern = /^SPDXRef-[A-Za-z0-9.-]+$/;

const maxNameLength = 64;

/**
 * Gives each package a readable, stable, unique SPDX id: `SPDXRef-Package-<type>-<name>-<hash>`.
 * The hash of the purl keeps ids unique where sanitising merges names (`a+b` and `a.b` both
 * become `a-b`) and stable across runs, so two documents for one image can be diffed.
 */
export function packageSpdxIds(packages: readonly Package[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const pkg of packages) {
    if (ids.has(pkg.purl)) {
      continue;
    }
    const stem = `SPDXRef-Package-${sanitise(`${pkg.type}-${pkg.name}`)}`;
    const hash = createHash('sha256').update(pkg.purl).digest('hex');
    // 16 hex digits never collide in practice; lengthening on a collision keeps the promise anyway.
    let length = 16;
    let id = `${stem}-${hash.slice(0, length)}`;
    while (taken.has(id) && length < hash.length) {
      length += 8;
      id = `${stem}-${hash.slice(0, length)}`;
    }
    taken.add(id);
    ids.set(pkg.purl, id);
  }
  return ids;
}

export function sanitise(text: string): string {
  const clean = text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, maxNameLength);
  return clean || 'unnamed';
}
