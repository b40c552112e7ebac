import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce } from './fixture-cache.js';
import { run } from './run.js';

/**
 * Test support: real Debian bookworm packages that install Python distributions and a Ruby
 * gem, fetched with `apt-get download` and unpacked with `dpkg-deb -x`, once per machine. The
 * language analyzers are checked against files Debian's own tooling (pybuild, gem2deb) wrote,
 * and the expected names and versions come from Debian's package fields and the metadata
 * directory names, never from the analyzers' reading of the files.
 */

/** Python distributions of both kinds (egg-info: requests, six…; dist-info: chardet…). */
const pythonDebs = [
  'python3-requests',
  'python3-urllib3',
  'python3-idna',
  'python3-certifi',
  'python3-chardet',
  'python3-charset-normalizer',
  'python3-six',
];
/** gem2deb installs a generated gemspec in usr/share/rubygems-integration/all/specifications/. */
const rubyDebs = ['ruby-rack'];

/** The fields of a .deb's control file the dpkg status database repeats. */
export interface DebControl {
  Package: string;
  Version: string;
  Architecture: string;
  /** Absent when the source package is named like the binary one. */
  Source?: string;
}

export interface DebContents {
  control: DebControl;
  /**
   * Every path the package installs, as dpkg writes `var/lib/dpkg/info/<package>.list`: `/.`
   * first, then absolute paths in archive order, directories without a trailing `/`.
   */
  files: string[];
}

/** A language package a .deb installs, as the test expects a scan to report it. */
export interface DebLanguagePackage {
  /** The .deb file. */
  deb: string;
  control: DebControl;
  type: 'pypi' | 'gem';
  /** PEP 503 normalised for PyPI; the gem name for RubyGems. */
  name: string;
  /** The upstream version: Debian's without epoch, revision and repack suffix (`+dfsg`). */
  version: string;
  /** The metadata file the analyzer reads, relative to the root: `usr/lib/python3/…/PKG-INFO`. */
  location: string;
}

export interface DebianDebs {
  /** Every package unpacked together, as `dpkg-deb -x` lays them out. */
  root: string;
  debs: string[];
  packages: DebLanguagePackage[];
}

/** The packages, downloaded and unpacked once per machine, with what each should report. */
export async function debianDebs(): Promise<DebianDebs> {
  const dir = await buildOnce('debian-debs', async (target) => {
    const download = mkdtempSync(join(tmpdir(), 'palisade-debs-'));
    try {
      // apt drops to its _apt user to download; it needs to write here.
      chmodSync(download, 0o777);
      await run('apt-get', ['download', '-q', ...pythonDebs, ...rubyDebs], {
        cwd: download,
      }).catch((error: unknown) => {
        throw new Error(`apt-get download failed (has apt-get update run?): ${String(error)}`);
      });
      mkdirSync(join(target, 'debs'));
      mkdirSync(join(target, 'root'));
      for (const name of readdirSync(download).filter((file) => file.endsWith('.deb'))) {
        copyFileSync(join(download, name), join(target, 'debs', name));
        await run('dpkg-deb', ['-x', join(target, 'debs', name), join(target, 'root')]);
      }
    } finally {
      rmSync(download, { recursive: true, force: true });
    }
  });
  const debs = readdirSync(join(dir, 'debs'))
    .filter((name) => name.endsWith('.deb'))
    .sort()
    .map((name) => join(dir, 'debs', name));
  const packages: DebLanguagePackage[] = [];
  for (const deb of debs) {
    packages.push(expectedPackage(deb, await debContents(deb)));
  }
  return { root: join(dir, 'root'), debs, packages };
}

/** A .deb's control fields (`dpkg-deb -f`) and file list (`dpkg-deb -c`), for a dpkg database. */
export async function debContents(deb: string): Promise<DebContents> {
  const fields = new Map<string, string>();
  const control = await run('dpkg-deb', [
    '-f',
    deb,
    'Package',
    'Version',
    'Architecture',
    'Source',
  ]);
  for (const line of control.split('\n')) {
    const at = line.indexOf(': ');
    if (at > 0) {
      fields.set(line.slice(0, at), line.slice(at + 2).trim());
    }
  }
  const [pkg, version, architecture] = ['Package', 'Version', 'Architecture'].map((field) => {
    const value = fields.get(field);
    if (value === undefined) {
      throw new Error(`${deb} has no ${field} field`);
    }
    return value;
  });
  const source = fields.get('Source');
  return {
    control: {
      Package: pkg ?? '',
      Version: version ?? '',
      Architecture: architecture ?? '',
      ...(source !== undefined ? { Source: source } : {}),
    },
    files: listPaths(await run('dpkg-deb', ['-c', deb])),
  };
}

/** `drwxr-xr-x root/root 0 2022-06-29 11:58 ./usr/lib/` lines → dpkg's `.list` paths. */
function listPaths(listing: string): string[] {
  return listing
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(\S)\S*\s+\S+\s+\d+\s+\S+\s+\S+\s+\.(\/.*)$/.exec(line);
      if (!match) {
        throw new Error(`cannot read dpkg-deb -c line: ${line}`);
      }
      let path = match[2] ?? '';
      if (match[1] === 'l') {
        path = path.slice(0, path.lastIndexOf(' -> '));
      } else if (match[1] === 'h') {
        path = path.slice(0, path.lastIndexOf(' link to '));
      }
      return path === '/' ? '/.' : path.replace(/\/$/, '');
    });
}

/** `1:2.28.1+dfsg-1+deb12u1` → `2.28.1`: no epoch, no Debian revision, no repack suffix. */
export function upstreamVersion(debianVersion: string): string {
  const noEpoch = debianVersion.replace(/^\d+:/, '');
  const noRevision = noEpoch.includes('-') ? noEpoch.slice(0, noEpoch.lastIndexOf('-')) : noEpoch;
  return noRevision.replace(/[+~](dfsg|ds|repack).*$/, '');
}

/**
 * What a package should report, by two routes that must agree: Debian's package name and
 * upstream version, and the name of the metadata directory or gemspec pybuild or gem2deb made
 * (`requests-2.28.1.egg-info`, `rack-2.2.22.gemspec`). Neither reads the metadata file.
 */
function expectedPackage(deb: string, contents: DebContents): DebLanguagePackage {
  const { control, files } = contents;
  const version = upstreamVersion(control.Version);
  const python = files
    .map((path) =>
      /^\/(usr\/lib\/python3\/dist-packages\/([^/]+)-([^-/]+)\.(dist|egg)-info)$/.exec(path)
    )
    .find((match) => match !== null);
  if (python) {
    const [, dir = '', dirName = '', dirVersion = '', kind] = python;
    const name = dirName.toLowerCase().replace(/[-_.]+/g, '-');
    agree(deb, [control.Package, `python3-${name}`], [version, dirVersion]);
    const file = kind === 'dist' ? 'METADATA' : 'PKG-INFO';
    return { deb, control, type: 'pypi', name, version, location: `${dir}/${file}` };
  }
  const gem = files
    .map((path) =>
      /^\/(usr\/share\/rubygems-integration\/all\/specifications\/([^/]+)-([^-/]+)\.gemspec)$/.exec(
        path
      )
    )
    .find((match) => match !== null);
  if (gem) {
    const [, location = '', name = '', gemVersion = ''] = gem;
    agree(deb, [control.Package, `ruby-${name}`], [version, gemVersion]);
    return { deb, control, type: 'gem', name, version, location };
  }
  throw new Error(`${deb} installs no Python metadata directory and no gemspec`);
}

function agree(deb: string, ...pairs: [string, string][]): void {
  for (const [a, b] of pairs) {
    if (a !== b) {
      throw new Error(`${deb}: Debian says ${a}, the metadata path says ${b}`);
    }
  }
}
