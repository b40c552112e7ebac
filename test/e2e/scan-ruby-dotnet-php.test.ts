/**
 * Ruby gems, .NET NuGet packages and PHP Composer packages end to end: one image holding each
 * kind of file in the shape its tool writes it (and Debian's real ruby-rack gemspec), plus one
 * malformed file of each kind, scanned through the CLI. A malformed file is a note naming its
 * path; the scan still lists everything else and exits 0.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { runCliWithStdout } from '../harness/cli.js';
import { debianDebs, type DebLanguagePackage } from '../harness/debian-debs.js';
import { LayoutWriter, type TarEntry } from '../harness/oci-builder.js';

/** As RubyGems 3 writes an installed specification (`Gem::Specification#to_ruby`). */
const rakeSpec = `# -*- encoding: utf-8 -*-
# stub: rake 13.0.6 ruby lib

Gem::Specification.new do |s|
  s.name = "rake".freeze
  s.version = "13.0.6"

  s.required_rubygems_version = Gem::Requirement.new(">= 1.3.2".freeze) if s.respond_to? :required_rubygems_version=
  s.metadata = { "bug_tracker_uri" => "https://github.com/ruby/rake/issues" } if s.respond_to? :metadata=
  s.require_paths = ["lib".freeze]
  s.authors = ["Hiroshi SHIBATA".freeze, "Eric Hodel".freeze, "Jim Weirich".freeze]
  s.bindir = "exe".freeze
  s.executables = ["rake".freeze]
  s.licenses = ["MIT".freeze]
  s.required_ruby_version = Gem::Requirement.new(">= 2.2".freeze)
  s.rubygems_version = "3.4.10".freeze
  s.summary = "Rake is a Make-like program implemented in Ruby".freeze

  s.installed_by_version = "3.4.10" if s.respond_to? :installed_by_version
end
`;

/** A default gem's specification, as RubyGems 1.x wrote strings. */
const jsonSpec = `Gem::Specification.new do |s|
  s.name = %q{json}
  s.version = "2.6.3"
  s.licenses = ["Ruby", "BSD-2-Clause"]
  s.summary = %q{JSON Implementation for Ruby}
end
`;

/** Shaped like the deps file `dotnet publish` writes for a net8.0 app. */
const depsJson = {
  runtimeTarget: { name: '.NETCoreApp,Version=v8.0', signature: '' },
  compilationOptions: {},
  targets: {
    '.NETCoreApp,Version=v8.0': {
      'App/1.0.0': {
        dependencies: { 'Newtonsoft.Json': '13.0.1', Serilog: '3.1.1' },
        runtime: { 'App.dll': {} },
      },
      'Newtonsoft.Json/13.0.1': {
        runtime: {
          'lib/netstandard2.0/Newtonsoft.Json.dll': {
            assemblyVersion: '13.0.0.0',
            fileVersion: '13.0.1.25517',
          },
        },
      },
      'Serilog/3.1.1': {
        runtime: {
          'lib/net7.0/Serilog.dll': { assemblyVersion: '2.0.0.0', fileVersion: '3.1.1.0' },
        },
      },
    },
  },
  libraries: {
    'App/1.0.0': { type: 'project', serviceable: false, sha512: '' },
    'Newtonsoft.Json/13.0.1': {
      type: 'package',
      serviceable: true,
      sha512: 'sha512-AAAA',
      path: 'newtonsoft.json/13.0.1',
      hashPath: 'newtonsoft.json.13.0.1.nupkg.sha512',
    },
    'Serilog/3.1.1': {
      type: 'package',
      serviceable: true,
      sha512: 'sha512-BBBB',
      path: 'serilog/3.1.1',
      hashPath: 'serilog.3.1.1.nupkg.sha512',
    },
  },
};

const composerEntry = (name: string, version: string, license: string[] = ['MIT']): object => ({
  name,
  version,
  version_normalized: `${version.replace(/^v/, '')}.0`,
  type: 'library',
  license,
  'install-path': `../${name}`,
});

/** Composer 2's installed.json, with a dev package it marks as such. */
const installedJson = {
  packages: [
    composerEntry('symfony/http-kernel', 'v5.4.0'),
    composerEntry('guzzlehttp/guzzle', '7.8.1'),
    composerEntry('phpunit/phpunit', '9.6.13', ['BSD-3-Clause']),
  ],
  dev: true,
  'dev-package-names': ['phpunit/phpunit'],
};

const composerLock = {
  'content-hash': '0123456789abcdef0123456789abcdef',
  packages: [composerEntry('monolog/monolog', '3.5.0'), composerEntry('psr/log', '3.0.0')],
  'packages-dev': [composerEntry('mockery/mockery', '1.6.7', ['BSD-3-Clause'])],
};

const malformed = {
  gemspec: 'usr/local/bundle/specifications/broken-1.0.gemspec',
  deps: 'srv/broken/Broken.deps.json',
  installed: 'srv/legacy/vendor/composer/installed.json',
  lock: 'srv/legacy/composer.lock',
};

let work: string;
let layout: LayoutWriter;
let rack: DebLanguagePackage;
let inventory: Inventory;
let code: number;
let stderr: string;

beforeAll(async () => {
  const debs = await debianDebs();
  const found = debs.packages.find((pkg) => pkg.type === 'gem' && pkg.name === 'rack');
  if (!found) {
    throw new Error('the Debian fixture has no ruby-rack gemspec');
  }
  rack = found;
  const entries: TarEntry[] = [
    { name: 'usr/local/bundle/specifications/rake-13.0.6.gemspec', content: rakeSpec },
    {
      name: 'usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec',
      content: jsonSpec,
    },
    { name: rack.location, content: readFileSync(join(debs.root, rack.location)) },
    { name: 'app/App.deps.json', content: JSON.stringify(depsJson, null, 2) },
    { name: 'var/www/html/vendor/composer/installed.json', content: JSON.stringify(installedJson) },
    { name: 'var/www/html/composer.lock', content: JSON.stringify(composerLock, null, 4) },
    { name: malformed.gemspec, content: 'this file was truncated to nothing useful\n' },
    { name: malformed.deps, content: '{"libraries": {"Newtonsoft.Json/13.0.1": ' },
    { name: malformed.installed, content: JSON.stringify({ packages: 'none' }) },
    { name: malformed.lock, content: '<<<<<<< HEAD\n{"packages": []}\n' },
  ];
  work = mkdtempSync(join(tmpdir(), 'palisade-languages-'));
  layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('languages', { layers: [{ entries }] });

  const reference = `oci:${layout.dir}:languages`;
  const result = await runCliWithStdout([
    'scan',
    'image',
    reference,
    '--no-vulns',
    '--no-cache',
    '-f',
    'json',
  ]);
  ({ code, stderr } = result);
  if (result.stdout === '') {
    throw new Error(`no report (exit ${code}): ${stderr}`);
  }
  inventory = JSON.parse(result.stdout) as Inventory;
});

afterAll(() => {
  if (work) {
    rmSync(work, { recursive: true, force: true });
  }
});

/** type, name, version, purl, location and licences of the packages of one type, sorted by purl. */
function listed(type: string): object[] {
  return inventory.packages
    .filter((pkg) => pkg.type === type)
    .map(({ name, version, purl, location, licenses }) => ({
      name,
      version,
      purl,
      location,
      licenses,
    }))
    .sort((a, b) => a.purl.localeCompare(b.purl));
}

describe('Ruby, .NET and PHP packages in one image, with one malformed file of each kind', () => {
  it('exits 0 and writes nothing to stderr, though four files are malformed', () => {
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('lists the gems: generated specifications, a default gem and Debian’s real rack gemspec', () => {
    expect(listed('gem')).toEqual([
      {
        name: 'json',
        version: '2.6.3',
        purl: 'pkg:gem/json@2.6.3',
        location: 'usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec',
        licenses: ['Ruby', 'BSD-2-Clause'],
      },
      {
        name: 'rack',
        version: rack.version,
        purl: `pkg:gem/rack@${rack.version}`,
        location:
          'usr/share/rubygems-integration/all/specifications/' + `rack-${rack.version}.gemspec`,
        licenses: ['MIT'],
      },
      {
        name: 'rake',
        version: '13.0.6',
        purl: 'pkg:gem/rake@13.0.6',
        location: 'usr/local/bundle/specifications/rake-13.0.6.gemspec',
        licenses: ['MIT'],
      },
    ]);
  });

  it('lists the NuGet packages of the deps file, not the project itself', () => {
    expect(listed('nuget')).toEqual([
      {
        name: 'Newtonsoft.Json',
        version: '13.0.1',
        purl: 'pkg:nuget/Newtonsoft.Json@13.0.1',
        location: 'app/App.deps.json',
        licenses: [],
      },
      {
        name: 'Serilog',
        version: '3.1.1',
        purl: 'pkg:nuget/Serilog@3.1.1',
        location: 'app/App.deps.json',
        licenses: [],
      },
    ]);
  });

  it('lists the Composer packages of installed.json and composer.lock, dev packages left out', () => {
    const installed = 'var/www/html/vendor/composer/installed.json';
    const lock = 'var/www/html/composer.lock';

    expect(listed('composer')).toEqual([
      {
        name: 'guzzlehttp/guzzle',
        version: '7.8.1',
        purl: 'pkg:composer/guzzlehttp/guzzle@7.8.1',
        location: installed,
        licenses: ['MIT'],
      },
      {
        name: 'monolog/monolog',
        version: '3.5.0',
        purl: 'pkg:composer/monolog/monolog@3.5.0',
        location: lock,
        licenses: ['MIT'],
      },
      {
        name: 'psr/log',
        version: '3.0.0',
        purl: 'pkg:composer/psr/log@3.0.0',
        location: lock,
        licenses: ['MIT'],
      },
      {
        name: 'symfony/http-kernel',
        version: 'v5.4.0',
        purl: 'pkg:composer/symfony/http-kernel@v5.4.0',
        location: installed,
        licenses: ['MIT'],
      },
    ]);
  });

  it('lists nothing else', () => {
    expect(inventory.packages.map((pkg) => pkg.type).sort()).toEqual([
      'composer',
      'composer',
      'composer',
      'composer',
      'gem',
      'gem',
      'gem',
      'nuget',
      'nuget',
    ]);
  });

  it('gives each malformed file one note that names its path and what is wrong', () => {
    const noteFor = (path: string): string[] =>
      inventory.notes.filter((note) => note.startsWith(`${path}: `));

    expect(inventory.notes).toHaveLength(4);
    expect(noteFor(malformed.gemspec)).toEqual([
      expect.stringContaining('not a RubyGems specification') as string,
    ]);
    expect(noteFor(malformed.deps)).toEqual([
      expect.stringContaining('the deps file is not valid JSON') as string,
    ]);
    expect(noteFor(malformed.installed)).toEqual([
      expect.stringContaining('the installed list is malformed: packages: ') as string,
    ]);
    expect(noteFor(malformed.lock)).toEqual([
      expect.stringContaining('the lock file is not valid JSON') as string,
    ]);
  });
});
