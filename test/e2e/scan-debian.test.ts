import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { runCli } from '../harness/cli.js';
import { debianFixture, dpkgQuery, type DebianFixture } from '../harness/debian-image.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../harness/registry.js';

let debian: DebianFixture;
let open: TestRegistry;
let basic: TestRegistry;
let token: TestRegistry;
/** Whatever beforeAll managed to start, for afterAll to stop even when it failed part-way. */
const started: TestRegistry[] = [];
let work: string;

beforeAll(async () => {
  debian = await debianFixture();
  work = mkdtempSync(join(tmpdir(), 'palisade-e2e-'));
  const start = async (auth: 'none' | 'htpasswd' | 'token'): Promise<TestRegistry> => {
    const registry = await startRegistry({ auth });
    started.push(registry);
    return registry;
  };
  [open, basic, token] = await Promise.all([start('none'), start('htpasswd'), start('token')]);
  for (const registry of [open, basic, token]) {
    await pushOciLayout(debian.layout, 'library/debian:bookworm', registry, {
      layoutTag: debian.tag,
    });
  }
});

afterAll(async () => {
  await Promise.all(started.map((registry) => registry.stop()));
  rmSync(work, { recursive: true, force: true });
});

async function scan(
  reference: string,
  extra: string[] = [],
  env?: Record<string, string>
): Promise<Inventory> {
  const output = join(work, `${Math.random().toString(36).slice(2)}.json`);
  const result = await runCli(
    [
      'scan',
      'image',
      '--no-vulns',
      reference,
      '--format',
      'json',
      '--output',
      output,
      '--cache-dir',
      join(work, 'cache'),
      ...extra,
    ],
    env ? { env } : {}
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(readFileSync(output, 'utf8')) as Inventory;
}

/** What must not depend on where the image came from. */
function essence(inventory: Inventory): unknown {
  return {
    os: inventory.os,
    packages: inventory.packages.map((pkg) => ({
      purl: pkg.purl,
      name: pkg.name,
      version: pkg.version,
      arch: pkg.arch,
      source: pkg.source,
      location: pkg.location,
      layer: pkg.layer ? { index: pkg.layer.index, diffId: pkg.layer.diffId } : undefined,
    })),
  };
}

describe('scanning a real Debian bookworm image', () => {
  let fromRegistry: Inventory;

  beforeAll(async () => {
    fromRegistry = await scan(`${open.host}/library/debian:bookworm`, ['--insecure', '--no-cache']);
  });

  it('lists exactly what dpkg-query lists in the root filesystem, name for name, version for version', async () => {
    const expected = await dpkgQuery(debian.rootfs);

    const listed = fromRegistry.packages
      .map((pkg) => `${pkg.name}\t${pkg.version}\t${pkg.arch ?? ''}`)
      .sort();

    expect(expected.length).toBeGreaterThan(50);
    expect(listed).toEqual(expected);
  });

  it('identifies Debian 12 and gives every package a Debian package URL and its layer', () => {
    expect(fromRegistry.os).toMatchObject({
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      distroless: false,
    });
    expect(fromRegistry.artifact.layers).toHaveLength(1);
    for (const pkg of fromRegistry.packages) {
      expect(pkg.purl).toMatch(/^pkg:deb\/debian\/[^@]+@[^?]+\?arch=(amd64|all)&distro=debian-12/);
      expect(pkg.layer?.digest).toBe(fromRegistry.artifact.layers[0]?.digest);
    }
    const libc = fromRegistry.packages.find((pkg) => pkg.name === 'libc6');
    expect(libc?.source?.name).toBe('glibc');
    expect(libc?.purl).toContain('upstream=glibc');
    // usr/share/doc/bash/copyright: `Files: *` is `License: GPL-3+`.
    expect(fromRegistry.packages.find((pkg) => pkg.name === 'bash')?.licenses[0]).toBe(
      'GPL-3.0-or-later'
    );
  });

  it('gives the same inventory from oci:, docker-archive: and dir:', async () => {
    const fromLayout = await scan(`oci:${debian.layout}:${debian.tag}`);
    const fromArchive = await scan(`docker-archive:${debian.archive}`);
    const fromDir = await scan(`dir:${debian.rootfs}`);

    expect(essence(fromLayout)).toEqual(essence(fromRegistry));
    expect(essence(fromArchive)).toEqual(essence(fromRegistry));
    const withoutLayers = (inventory: Inventory): unknown =>
      (essence(inventory) as { packages: { layer?: unknown }[] }).packages.map((pkg) => ({
        ...pkg,
        layer: undefined,
      }));
    expect(withoutLayers(fromDir)).toEqual(withoutLayers(fromRegistry));
    expect(fromDir.os).toEqual(fromRegistry.os);
  });

  it('answers from the layer cache the second time, with the same result', async () => {
    const first = await scan(`oci:${debian.layout}:${debian.tag}`, [
      '--cache-dir',
      join(work, 'warm'),
    ]);
    const second = await scan(`oci:${debian.layout}:${debian.tag}`, [
      '--cache-dir',
      join(work, 'warm'),
    ]);

    expect(essence(second)).toEqual(essence(first));
    expect(existsSync(join(work, 'warm', 'layers'))).toBe(true);
  });
});

describe('registry authentication', () => {
  it('pulls with basic auth given on the command line, and from the environment', async () => {
    const reference = `${basic.host}/library/debian:bookworm`;

    const flags = await scan(reference, [
      '--insecure',
      '--username',
      basic.username,
      '--password',
      basic.password,
    ]);
    const env = await scan(reference, ['--insecure'], {
      PALISADE_REGISTRY_USERNAME: basic.username,
      PALISADE_REGISTRY_PASSWORD: basic.password,
    });

    expect(flags.packages.length).toBeGreaterThan(50);
    expect(env.packages).toEqual(flags.packages);
  });

  it('pulls through a token server with the password on standard input', async () => {
    const output = join(work, 'token.json');

    const result = await runCli(
      [
        'scan',
        'image',
        '--no-vulns',
        `${token.host}/library/debian:bookworm`,
        '--insecure',
        '--no-cache',
        '-u',
        token.username,
        '--password-stdin',
        '-f',
        'json',
        '-o',
        output,
      ],
      { stdin: `${token.password}\n` }
    );

    expect(result).toEqual({ code: 0, stderr: '' });
    expect((JSON.parse(readFileSync(output, 'utf8')) as Inventory).packages.length).toBeGreaterThan(
      50
    );
  });

  it.each([
    ['basic', () => basic],
    ['token', () => token],
  ])(
    'ends with exit code 3 and one line when the %s registry refuses the password',
    async (_, registry) => {
      const output = join(work, 'refused.json');

      const result = await runCli([
        'scan',
        'image',
        '--no-vulns',
        `${registry().host}/library/debian:bookworm`,
        '--insecure',
        '--no-cache',
        '-u',
        registry().username,
        '-p',
        'wrong-password',
        '-o',
        output,
      ]);

      expect(result.code).toBe(3);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^palisade: .*(refused|denied|credentials)/i);
      expect(result.stderr).not.toContain('wrong-password');
      expect(existsSync(output)).toBe(false);
    }
  );
});
