/**
 * Go and Rust programs end to end: real ELF programs built on this machine (a Go program by the
 * Go toolchain, a C program by gcc, a C program carrying a cargo-auditable `.dep-v0` section),
 * a Cargo.lock and a truncated program, put in an OCI image and scanned through the CLI.
 * Programs are found by their ELF header, so the Go program sits at a name nothing else
 * would guess (`opt/tool/run`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import type { OsvRecord } from '../../src/vuln/osv/schema.js';
import { buildFromRecords, fixedIn, recordItem } from '../harness/advisory-db.js';
import { runCliWithStdout } from '../harness/cli.js';
import {
  auditableDependencies,
  elfFixtures,
  goVersionM,
  type ElfFixtures,
  type GoVersionM,
} from '../harness/go-binary.js';
import { LayoutWriter } from '../harness/oci-builder.js';

const executable = 0o755;
const cargoLock = `version = 3

[[package]]
name = "service"
version = "0.1.0"
dependencies = ["log", "serde"]

[[package]]
name = "log"
version = "0.4.20"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "serde"
version = "1.0.195"
source = "registry+https://github.com/rust-lang/crates.io-index"
`;

let work: string;
let layout: LayoutWriter;
let fixtures: ElfFixtures;
let listing: GoVersionM;
let inventory: Inventory;
let exitCode: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-go-rust-'));
  fixtures = await elfFixtures();
  listing = await goVersionM(fixtures.goBinary);
  const goBinary = readFileSync(fixtures.goBinary);
  layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('programs', {
    layers: [
      {
        entries: [
          { name: 'opt/tool/run', content: goBinary, mode: executable },
          {
            name: 'usr/local/bin/tool-stripped',
            content: readFileSync(fixtures.goStripped),
            mode: executable,
          },
          { name: 'usr/bin/hello', content: readFileSync(fixtures.cBinary), mode: executable },
          {
            name: 'usr/local/bin/audited',
            content: readFileSync(fixtures.auditableBinary),
            mode: executable,
          },
          { name: 'srv/app/Cargo.lock', content: cargoLock },
          // The same Go program without any x bit: data, not a program, so not read.
          { name: 'srv/data/copy-of-run', content: goBinary, mode: 0o644 },
          { name: 'opt/broken/truncated', content: goBinary.subarray(0, 200), mode: executable },
        ],
      },
    ],
  });
  const result = await runCliWithStdout([
    'scan',
    'image',
    `oci:${layout.dir}:programs`,
    '--no-vulns',
    '--no-cache',
    '-f',
    'json',
  ]);
  if (result.stdout === '') {
    throw new Error(`no report (exit ${result.code}): ${result.stderr}`);
  }
  exitCode = result.code;
  inventory = JSON.parse(result.stdout) as Inventory;
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** `purl location` for every package of a type, sorted. */
function listed(type: string): string[] {
  return inventory.packages
    .filter((pkg) => pkg.type === type)
    .map((pkg) => `${pkg.purl} ${pkg.location}`)
    .sort();
}

describe('scan of an image with Go and Rust programs', () => {
  it('finishes with exit code 0 although one program is truncated', () => {
    expect(exitCode).toBe(0);
  });

  it('reports the Go modules `go version -m` lists, at both Go programs', () => {
    const goRelease = listing.goVersion.replace(/^go/, '');
    // The replaced module is reported as its replacement, the (devel) main module not at all.
    const modules = listing.modules.flatMap((module, index) => {
      const next = listing.modules[index + 1];
      if (module.kind === '=>' || module.version === '(devel)') {
        return [];
      }
      const built = next?.kind === '=>' ? next : module;
      return [`pkg:golang/${built.path}@${built.version}`];
    });
    const purls = [`pkg:golang/stdlib@v${goRelease}`, ...modules];
    const expected = ['opt/tool/run', 'usr/local/bin/tool-stripped']
      .flatMap((location) => purls.map((purl) => `${purl} ${location}`))
      .sort();

    expect(listed('golang')).toEqual(expected);
    expect(listed('golang')).toContain('pkg:golang/example.com/greet@v1.4.2 opt/tool/run');
    expect(goRelease).toMatch(/^1\.19\.\d+$/);
    expect(listed('golang')).toContain(`pkg:golang/stdlib@v${goRelease} opt/tool/run`);
  });

  it('reports crates.io crates from the auditable program and from Cargo.lock', () => {
    const fromProgram = auditableDependencies.packages
      .filter((pkg) => pkg.source === 'crates.io' && (pkg.kind ?? 'runtime') === 'runtime')
      .map((pkg) => `pkg:cargo/${pkg.name}@${pkg.version} usr/local/bin/audited`);

    expect(listed('cargo')).toEqual(
      [
        ...fromProgram,
        'pkg:cargo/log@0.4.20 srv/app/Cargo.lock',
        'pkg:cargo/serde@1.0.195 srv/app/Cargo.lock',
      ].sort()
    );
    expect(listed('cargo')).toContain('pkg:cargo/regex@1.10.2 usr/local/bin/audited');
  });

  it('reads nothing from the C program or the file without an x bit', () => {
    const locations = new Set(inventory.packages.map((pkg) => pkg.location));

    expect(locations.has('usr/bin/hello')).toBe(false);
    expect(locations.has('srv/data/copy-of-run')).toBe(false);
    expect(inventory.notes.some((note) => note.includes('usr/bin/hello'))).toBe(false);
  });

  it('notes the truncated program by its path, and the crate it could not report', () => {
    const truncated = inventory.notes.filter((note) => note.startsWith('opt/broken/truncated'));

    expect(truncated.length).toBeGreaterThan(0);
    expect(truncated.every((note) => /truncated or corrupt ELF file/.test(note))).toBe(true);
    expect(inventory.notes).toContainEqual(
      expect.stringMatching(
        /^usr\/local\/bin\/audited: 1 crate\(s\) not from crates\.io are not reported: private-helper 0\.3\.0 \(git\)/
      )
    );
  });
});

/** An OSV record as the Go vulnerability database and RustSec write them: SEMVER ranges. */
function advisory(id: string, ecosystem: string, name: string, fixed: string): OsvRecord {
  return fixedIn(id, ecosystem, name, fixed, { type: 'SEMVER' });
}

describe('matching the programs against Go and crates.io advisories', () => {
  let findings: { id: string; purl: string; location: string }[];
  let goRelease: string;

  beforeAll(async () => {
    goRelease = listing.goVersion.replace(/^go/, '');
    const [major, minor, patch] = goRelease.split('.').map(Number);
    const db = join(work, 'advisories.db');
    await buildFromRecords(
      db,
      [
        // The Go database writes stdlib and module versions without the `v`.
        advisory('GO-2099-0001', 'Go', 'stdlib', `${major}.${minor}.${(patch ?? 0) + 1}`),
        advisory('GO-2099-0002', 'Go', 'stdlib', '1.18.0'),
        advisory('GO-2099-0003', 'Go', 'example.com/greet', '1.4.3'),
        advisory('GO-2099-0004', 'Go', 'example.com/greet', '1.4.2'),
        advisory('RUSTSEC-2099-0001', 'crates.io', 'regex', '1.10.3'),
        advisory('RUSTSEC-2099-0002', 'crates.io', 'serde', '1.0.100'),
      ].map((record) => recordItem(record)),
      work
    );
    const result = await runCliWithStdout([
      'scan',
      'image',
      `oci:${layout.dir}:programs`,
      '--db',
      db,
      '--no-cache',
      '-f',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as Inventory;
    findings = (report.vulnerabilities?.findings ?? []).map((finding) => ({
      id: finding.id,
      purl: finding.package.purl,
      location: finding.package.location,
    }));
  });

  it('finds the standard library advisory by the toolchain version, in both Go programs', () => {
    expect(findings.filter((finding) => finding.id === 'GO-2099-0001')).toEqual(
      ['opt/tool/run', 'usr/local/bin/tool-stripped'].map((location) => ({
        id: 'GO-2099-0001',
        purl: `pkg:golang/stdlib@v${goRelease}`,
        location,
      }))
    );
  });

  it('finds the module and crate advisories whose fix is later than what is built in, and no other', () => {
    expect([...new Set(findings.map((finding) => finding.id))].sort()).toEqual([
      'GO-2099-0001',
      'GO-2099-0003',
      'RUSTSEC-2099-0001',
    ]);
    expect(findings).toContainEqual({
      id: 'RUSTSEC-2099-0001',
      purl: 'pkg:cargo/regex@1.10.2',
      location: 'usr/local/bin/audited',
    });
  });
});
