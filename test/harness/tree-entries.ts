import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { TarEntry } from './oci-builder.js';

/**
 * Every regular file and symlink under `root/dir`, named as a layer holds them (`dir/…`, or
 * prefixed by `as` instead), with their permission bits: a folder on disk turned into layer
 * entries, in a stable order.
 */
export function treeEntries(root: string, dir = '', as = dir): TarEntry[] {
  const base = join(root, dir);
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .sort()
    .flatMap((name): TarEntry[] => {
      const path = join(base, name);
      const entryName = as === '' ? name : `${as}/${name}`;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        return [{ name: entryName, type: 'symlink', linkname: readlinkSync(path) }];
      }
      return stat.isFile()
        ? [{ name: entryName, content: readFileSync(path), mode: stat.mode & 0o777 }]
        : [];
    });
}
