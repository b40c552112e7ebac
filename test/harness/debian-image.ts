import { rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce } from './fixture-cache.js';
import { run } from './run.js';

export interface DebianFixture {
  /** The root filesystem debootstrap made. */
  rootfs: string;
  /** An OCI layout holding it as `bookworm`, in one gzip layer as umoci writes it. */
  layout: string;
  tag: string;
  /** The same image as a `docker save` archive. */
  archive: string;
}

const mirror = process.env['PALISADE_TEST_DEBIAN_MIRROR'] ?? 'http://deb.debian.org/debian';

/**
 * A real Debian bookworm root filesystem from `debootstrap --variant=minbase`, packed as an
 * OCI image with umoci and copied to a docker archive with skopeo. Built once per machine.
 */
export async function debianFixture(): Promise<DebianFixture> {
  const dir = await buildOnce('debian-bookworm', async (target) => {
    if (process.getuid?.() !== 0) {
      throw new Error('building the Debian test image needs root (debootstrap and umoci unpack)');
    }
    const rootfs = join(target, 'rootfs');
    await run('debootstrap', ['--variant=minbase', 'bookworm', rootfs, mirror]);
    // What Debian's own images drop: downloaded packages and apt lists.
    for (const dirToEmpty of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      for (const entry of readdirSync(join(rootfs, dirToEmpty))) {
        if (
          entry.endsWith('.deb') ||
          entry.endsWith('_Packages') ||
          entry.endsWith('Release') ||
          entry.endsWith('.gpg')
        ) {
          rmSync(join(rootfs, dirToEmpty, entry), { force: true });
        }
      }
    }
    const layout = join(target, 'layout');
    await run('umoci', ['init', '--layout', layout]);
    await run('umoci', ['new', '--image', `${layout}:bookworm`]);
    await run('umoci', ['insert', '--image', `${layout}:bookworm`, rootfs, '/']);
    await run('skopeo', [
      'copy',
      '--quiet',
      `oci:${layout}:bookworm`,
      `docker-archive:${join(target, 'bookworm.tar')}:debian:bookworm`,
    ]);
  });
  return {
    rootfs: join(dir, 'rootfs'),
    layout: join(dir, 'layout'),
    tag: 'bookworm',
    archive: join(dir, 'bookworm.tar'),
  };
}

/** `dpkg-query -W` over the fixture's database: the truth a scan must equal. */
export async function dpkgQuery(rootfs: string): Promise<string[]> {
  const output = await run('dpkg-query', [
    `--admindir=${join(rootfs, 'var/lib/dpkg')}`,
    '-W',
    '-f',
    '${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\n',
  ]);
  return output
    .split('\n')
    .filter((line) => line.startsWith('installed\t'))
    .map((line) => line.split('\t').slice(1).join('\t'))
    .sort();
}
