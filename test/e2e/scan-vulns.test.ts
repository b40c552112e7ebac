/**
 * `palisade scan image` with vulnerabilities, end to end: synthetic images served by a real
 * docker-registry, advisory databases built with `palisade db update` from the real Alpine
 * secdb (in ../shared/data) and from a Debian tracker JSON and OSV records written here, then
 * the policy flags, exit codes and vulnerability formats, all through the CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { Inventory, VulnerabilityReport } from '../../src/core/inventory.js';
import { scheme as apk } from '../../src/vuln/versions/apk/index.js';
import { runCli, runCliWithStdout, type CliOutput } from '../harness/cli.js';
import { LayoutWriter, type TarEntry } from '../harness/oci-builder.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../harness/registry.js';
import { sarifLogSchema } from '../schemas/sarif-2.1.0.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A snapshot of github.com/alpinelinux/alpine-secdb, beside the repository, not inside it. */
const secdbDir = fileURLToPath(
  new URL('../../../shared/data/advisories/alpine-secdb', import.meta.url)
);
const sharedDataAvailable = existsSync(secdbDir);

let registry: TestRegistry;
let work: string;
let layout: LayoutWriter;
/** What beforeAll set up, undone by afterAll even when beforeAll failed part-way. */
const cleanups: (() => unknown)[] = [];

/** `palisade scan image REF --insecure --no-cache ARGS`, run in this process. */
function scan(
  reference: string,
  args: readonly string[] = [],
  env?: Record<string, string>
): Promise<CliOutput> {
  return runCliWithStdout(
    ['scan', 'image', reference, '--insecure', '--no-cache', ...args],
    env ? { env } : {}
  );
}

interface ScanResult extends CliOutput {
  /** The JSON report, when one was written. */
  inventory?: Inventory;
}

/** As `scan`, with `-f json`, and the report parsed. */
async function scanJson(
  reference: string,
  args: readonly string[] = [],
  env?: Record<string, string>
): Promise<ScanResult> {
  const result = await scan(reference, ['-f', 'json', ...args], env);
  return result.stdout === ''
    ? result
    : { ...result, inventory: JSON.parse(result.stdout) as Inventory };
}

/** The vulnerability report of a JSON scan that must have one. */
function reportOf(result: ScanResult): VulnerabilityReport {
  const report = result.inventory?.vulnerabilities;
  if (!report) {
    throw new Error(`no vulnerability report (exit ${result.code}): ${result.stderr}`);
  }
  return report;
}

/** What the assertions compare of a finding; an absent fixed version stays absent. */
interface Brief {
  package: string;
  id: string;
  installed: string;
  fixed?: string;
  status: Finding['status'];
  severity: Finding['severity'];
}

function brief(finding: Finding): Brief {
  return {
    package: finding.package.name,
    id: finding.id,
    installed: finding.installedVersion,
    ...(finding.fixedVersion !== undefined ? { fixed: finding.fixedVersion } : {}),
    status: finding.status,
    severity: finding.severity,
  };
}

/** `package id` of every finding, to say "this pair is (not) there" in one line. */
function pairs(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.package.name} ${finding.id}`);
}

/** dpkg itself, as the oracle for the order the edge cases depend on. */
function dpkgSays(a: string, relation: 'lt' | 'gt' | 'eq', b: string): boolean {
  return spawnSync('dpkg', ['--compare-versions', a, relation, b]).status === 0;
}

/** `palisade db update` into `db`; fails the test run if the build fails. */
async function buildDb(db: string, sources: readonly string[]): Promise<string> {
  const result = await runCli([
    'db',
    'update',
    ...sources.flatMap((source) => ['--source', source]),
    '--db',
    db,
  ]);
  if (result.code !== 0) {
    throw new Error(`palisade db update failed (${result.code}): ${result.stderr}`);
  }
  return result.stderr;
}

// --- Alpine ----------------------------------------------------------------------------------

interface ApkPackage {
  name: string;
  version: string;
  origin: string;
}

/**
 * The Alpine image's packages, chosen against v3.11's secdb: older than fixes, equal to a fix,
 * newer than every fix, subpackages whose origin has fixes, both repositories, and an origin
 * secdb does not list.
 */
const alpinePackages: ApkPackage[] = [
  // main: CVE-2018-20679 and CVE-2019-5747 fixed in 1.29.3-r10 (CVE-2019-5747 is listed
  // again under 1.30.1-r2); the 1.27.2-r4 fixes are older than this build.
  { name: 'busybox', version: '1.29.3-r9', origin: 'busybox' },
  // main, subpackages of openssl: CVE-2019-1551 fixed in 1.1.1d-r3, the rest before.
  { name: 'libcrypto1.1', version: '1.1.1d-r2', origin: 'openssl' },
  { name: 'libssl1.1', version: '1.1.1d-r2', origin: 'openssl' },
  // main, subpackage of sqlite, equal to the 3.28.0-r0 fix, older than 3.30.1-r1.
  { name: 'sqlite-libs', version: '3.28.0-r0', origin: 'sqlite' },
  // main, older than the 2.9.4-r4 and 2.9.8-r1 fixes, newer than 2.9.4-r1 and -r2.
  { name: 'libxml2', version: '2.9.4-r3', origin: 'libxml2' },
  // main, equal to the newest fix: nothing.
  { name: 'curl', version: '7.66.0-r0', origin: 'curl' },
  // main, newer than every fix (1.1.23-r2, 1.1.15-r4): nothing.
  { name: 'musl', version: '1.1.24-r2', origin: 'musl' },
  // community, equal to the 1.13.1-r0 fix, older than 1.13.2-r0.
  { name: 'go', version: '1.13.1-r0', origin: 'go' },
  // community, a pre-release: _rc8 is after the _rc7 fix and before the _rc9 one.
  { name: 'runc', version: '1.0.0_rc8-r0', origin: 'runc' },
  // in no secdb file.
  { name: 'alpine-baselayout', version: '3.2.0-r3', origin: 'alpine-baselayout' },
];

function apkInstalled(packages: readonly ApkPackage[]): string {
  return packages
    .map(
      (pkg) =>
        `P:${pkg.name}\nV:${pkg.version}\nA:x86_64\nL:MIT\no:${pkg.origin}\nm:Test <test@example.com>\n`
    )
    .join('\n');
}

type SecdbPackage = { pkg: { name: string; secfixes: Record<string, unknown> } };

/** One secdb line as written: an origin, a fixed version, and one of the words listed under it. */
interface SecdbLine {
  origin: string;
  fixed: string;
  id: string;
}

/**
 * The lines of one release's files, read by the test itself with YAML's failsafe schema (every
 * scalar a string, so `1.10` stays `1.10`), not with the source's own parser.
 */
function secdbLines(release: string): SecdbLine[] {
  return ['main.yaml', 'community.yaml'].flatMap((file) => {
    const text = readFileSync(join(secdbDir, release, file), 'utf8');
    const document = parse(text, { schema: 'failsafe' }) as { packages?: SecdbPackage[] };
    return (document.packages ?? []).flatMap(({ pkg }) =>
      Object.entries(pkg.secfixes).flatMap(([fixed, ids]) =>
        (Array.isArray(ids) ? (ids as unknown[]) : []).map((id) => ({
          origin: pkg.name,
          fixed,
          id: String(id),
        }))
      )
    );
  });
}

/**
 * What secdb says of the installed packages: every CVE listed for a package's origin whose fix
 * is greater, in apk's order, than the installed version. When one origin lists a CVE under two
 * versions, the lowest is its fix (the first build that carried it; see
 * src/vuln/sources/alpine-secdb/readme.md).
 */
function expectedAlpineFindings(lines: readonly SecdbLine[]): Brief[] {
  const fixes = new Map<string, string>();
  for (const { origin, fixed, id } of lines) {
    const key = `${origin} ${id}`;
    const held = fixes.get(key);
    if (held === undefined || apk.compare(fixed, held) < 0) {
      fixes.set(key, fixed);
    }
  }
  return alpinePackages.flatMap((pkg) =>
    [...fixes]
      .filter(([key]) => key.startsWith(`${pkg.origin} `))
      .filter(([, fixed]) => apk.compare(fixed, pkg.version) > 0)
      .map(([key, fixed]) => ({
        package: pkg.name,
        id: key.slice(pkg.origin.length + 1),
        installed: pkg.version,
        fixed,
        status: 'fixed' as const,
        severity: 'unknown' as const,
      }))
  );
}

// --- Debian ----------------------------------------------------------------------------------

interface DebPackage {
  name: string;
  version: string;
  source?: string;
  status?: string;
}

/**
 * The Debian image's dpkg database. Binaries name their source packages, as Debian's own do:
 * `libssl3` from openssl, a binNMU (`+b1`) whose Source carries the source version, a binary
 * with an epoch its source version does not have (as bsdutils from util-linux).
 */
const debPackages: DebPackage[] = [
  { name: 'libssl3', version: '3.0.11-1~deb12u1', source: 'openssl' },
  { name: 'libepoch1', version: '1:2.0-1', source: 'epochsrc' },
  { name: 'plainpkg', version: '1.9-1' },
  { name: 'bsdutils', version: '1:2.38.1-5', source: 'util-linux (2.38.1-5)' },
  { name: 'libbin1', version: '1.2-3+b1', source: 'binsrc (1.2-3)' },
  { name: 'oldlib', version: '0.9-1' },
  { name: 'bullonly', version: '5.0-1' },
  { name: 'libmerged1', version: '4.1-1', source: 'mergedsrc' },
  { name: 'osvonly', version: '7.0-1' },
  // Removed, configuration files left: nothing of it can run, so nothing is reported.
  { name: 'removedpkg', version: '1.0-1', status: 'deinstall ok config-files' },
];

function dpkgStatus(packages: readonly DebPackage[]): string {
  return packages
    .map(
      (pkg) =>
        `Package: ${pkg.name}\nStatus: ${pkg.status ?? 'install ok installed'}\nPriority: optional\n` +
        `Architecture: amd64\n${pkg.source ? `Source: ${pkg.source}\n` : ''}Version: ${pkg.version}\n` +
        `Maintainer: Test <test@example.com>\nDescription: test package ${pkg.name}\n`
    )
    .join('\n');
}

const resolved = (fixed: string, urgency: string): object => ({
  status: 'resolved',
  repositories: {},
  fixed_version: fixed,
  urgency,
});
const open = (urgency: string, extra: object = {}): object => ({
  status: 'open',
  repositories: {},
  urgency,
  ...extra,
});

const issue = (releases: Record<string, object>): object => ({
  description: 'A flaw written for this test.',
  scope: 'remote',
  releases,
});

/** The tracker's JSON export, source package → issue → releases, in its own shape. */
const tracker = {
  openssl: {
    // Fixed in a bookworm point release after the installed one: reported, high.
    'CVE-2024-1001': {
      ...issue({
        bookworm: resolved('3.0.11-1~deb12u2', 'high'),
        bullseye: resolved('1.1.1w-0+deb11u2', 'high'),
      }),
      debianbug: 1000001,
    },
    // Fixed in exactly the installed version: not vulnerable.
    'CVE-2024-1002': issue({ bookworm: resolved('3.0.11-1~deb12u1', 'medium') }),
    // bookworm never had it (fixed_version 0); only bullseye is open.
    'CVE-2024-1003': issue({ bookworm: resolved('0', 'low'), bullseye: open('low') }),
    // Nobody has looked yet: no verdict.
    'CVE-2024-1004': issue({ bookworm: { status: 'undetermined', repositories: {} } }),
    // <unfixed>, postponed: still affected, with no fix.
    'CVE-2024-1005': issue({
      bookworm: open('low', { nodsa: 'Minor issue', nodsa_reason: 'postponed' }),
      sid: open('low'),
    }),
  },
  // The installed 1:2.0-1 has an epoch, the fix 2.0-3 has none: the epoch wins.
  epochsrc: { 'CVE-2024-1010': issue({ bookworm: resolved('2.0-3', 'high') }) },
  // The installed 1.9-1 has no epoch, the fix 1:1.5-2 has one: the epoch wins again.
  plainpkg: { 'CVE-2024-1011': issue({ bookworm: resolved('1:1.5-2', 'medium') }) },
  // Matched on the source version 2.38.1-5, not the binary's 1:2.38.1-5; NVD's urgency.
  'util-linux': { 'CVE-2024-1020': issue({ bookworm: resolved('2.38.1-5+deb12u1', 'low**') }) },
  binsrc: {
    // The binNMU's source version equals the fix.
    'CVE-2024-1030': issue({ bookworm: resolved('1.2-3', 'high') }),
    'CVE-2024-1031': issue({ bookworm: resolved('1.2-4', 'unimportant') }),
  },
  oldlib: {
    'CVE-2024-1040': issue({ bookworm: open('end-of-life'), bullseye: open('end-of-life') }),
  },
  // Fixed in bullseye only; bookworm is not listed.
  bullonly: { 'CVE-2024-1050': issue({ bullseye: resolved('5.0-2', 'high') }) },
  // Also in the OSV record DSA-5600-1.
  mergedsrc: { 'CVE-2024-1060': issue({ bookworm: resolved('4.1-2', 'high') }) },
  removedpkg: { 'CVE-2024-1080': issue({ bookworm: open('high') }) },
};

function osvRecord(
  id: string,
  ecosystem: string,
  name: string,
  fixed: string,
  aliases: string[]
): { id: string; [field: string]: unknown } {
  return {
    id,
    modified: '2024-05-01T00:00:00Z',
    published: '2024-05-01T00:00:00Z',
    aliases,
    summary: `${name}: a flaw fixed in ${fixed}`,
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    references: [{ type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${id}` }],
  };
}

const osvRecords = [
  osvRecord('DSA-5600-1', 'Debian:12', 'mergedsrc', '4.1-2', ['CVE-2024-1060']),
  osvRecord('DSA-5601-1', 'Debian:12', 'osvonly', '7.0-2', ['CVE-2024-1070']),
  osvRecord('DLA-4000-1', 'Debian:11', 'bullonly', '5.0-3', ['CVE-2024-1051']),
];

/** Every finding the Debian image has against that data, in the report's order (worst first). */
const debianFindings: Brief[] = [
  {
    package: 'libmerged1',
    id: 'CVE-2024-1060',
    installed: '4.1-1',
    fixed: '4.1-2',
    status: 'fixed',
    severity: 'high',
  },
  {
    package: 'libssl3',
    id: 'CVE-2024-1001',
    installed: '3.0.11-1~deb12u1',
    fixed: '3.0.11-1~deb12u2',
    status: 'fixed',
    severity: 'high',
  },
  {
    package: 'plainpkg',
    id: 'CVE-2024-1011',
    installed: '1.9-1',
    fixed: '1:1.5-2',
    status: 'fixed',
    severity: 'medium',
  },
  {
    package: 'bsdutils',
    id: 'CVE-2024-1020',
    installed: '2.38.1-5',
    fixed: '2.38.1-5+deb12u1',
    status: 'fixed',
    severity: 'low',
  },
  {
    package: 'libssl3',
    id: 'CVE-2024-1005',
    installed: '3.0.11-1~deb12u1',
    status: 'affected',
    severity: 'low',
  },
  {
    package: 'libbin1',
    id: 'CVE-2024-1031',
    installed: '1.2-3',
    fixed: '1.2-4',
    status: 'fixed',
    severity: 'negligible',
  },
  {
    package: 'oldlib',
    id: 'CVE-2024-1040',
    installed: '0.9-1',
    status: 'end-of-life',
    severity: 'unknown',
  },
  {
    package: 'osvonly',
    id: 'CVE-2024-1070',
    installed: '7.0-1',
    fixed: '7.0-2',
    status: 'fixed',
    severity: 'unknown',
  },
];

// --- Policy files --------------------------------------------------------------------------

/** An ignore file: one entry that applies, one expired (line 6), one for another package. */
const ignoreYaml = [
  '# Accepted risks for the test image',
  '- id: CVE-2024-1001',
  '  package: pkg:deb/debian/libssl3',
  '  expires: 2999-12-31',
  '  reason: Only reachable through TLS renegotiation, which the image disables.',
  '- id: CVE-2024-1011',
  '  expires: 2020-01-01',
  '  reason: Accepted until the 2020 rebuild.',
  '- id: CVE-2024-1005',
  '  package: pkg:deb/debian/openssl',
  '  reason: The openssl command is not shipped.',
  '',
].join('\n');

/** An OpenVEX 0.2.0 document marking libmerged1's CVE-2024-1060 not affected. */
const vexDocument = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://example.com/vex/palisade-e2e',
  author: 'Example Security <security@example.com>',
  timestamp: '2024-05-01T00:00:00Z',
  version: 1,
  statements: [
    {
      vulnerability: { name: 'CVE-2024-1060' },
      products: [{ '@id': 'pkg:deb/debian/libmerged1' }],
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      impact_statement: 'the parser is built without the affected feature',
    },
  ],
};

let debianImage: string;
let ignoreFile: string;
let vexFile: string;
let debianDb: string;
let debianBuild: string;

// ---------------------------------------------------------------------------------------------
// Set-up: one registry, the Debian image and database (the Alpine ones in their own block)
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-vulns-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  registry = await startRegistry({ auth: 'none' });
  cleanups.push(() => registry.stop());
  layout = new LayoutWriter(join(work, 'layout'));

  const debianEntries: TarEntry[] = [
    {
      name: 'etc/os-release',
      content:
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\n' +
        'VERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n',
    },
    { name: 'var/lib/dpkg/status', content: dpkgStatus(debPackages) },
  ];
  await layout.tag('debian', { layers: [{ entries: debianEntries }] });
  await pushOciLayout(layout.dir, 'vulns/debian:debian', registry);
  debianImage = `${registry.host}/vulns/debian:debian`;

  const trackerFile = join(work, 'tracker.json');
  writeFileSync(trackerFile, JSON.stringify(tracker, null, 1));
  const osvDir = join(work, 'osv');
  mkdirSync(osvDir);
  for (const record of osvRecords) {
    writeFileSync(join(osvDir, `${record.id}.json`), JSON.stringify(record));
  }
  ignoreFile = join(work, 'accepted.yaml');
  writeFileSync(ignoreFile, ignoreYaml);
  vexFile = join(work, 'image.openvex.json');
  writeFileSync(vexFile, JSON.stringify(vexDocument));

  debianDb = join(work, 'debian.db');
  debianBuild = await buildDb(debianDb, [`debian-tracker=${trackerFile}`, `osv=${osvDir}`]);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) {
    await cleanup();
  }
});

// ---------------------------------------------------------------------------------------------
// 1. Alpine against the real secdb
// ---------------------------------------------------------------------------------------------

describe.skipIf(!sharedDataAvailable)(
  'an Alpine 3.11 image against the real Alpine secdb (read from ../shared/data/advisories/alpine-secdb, absent elsewhere)',
  () => {
    let lines: SecdbLine[];
    let result: ScanResult;

    beforeAll(async () => {
      lines = secdbLines('v3.11');
      await layout.tag('alpine', {
        layers: [
          {
            entries: [
              {
                name: 'etc/os-release',
                content:
                  'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.11.6\nPRETTY_NAME="Alpine Linux v3.11"\n',
              },
              { name: 'etc/alpine-release', content: '3.11.6\n' },
              { name: 'lib/apk/db/installed', content: apkInstalled(alpinePackages) },
            ],
          },
        ],
      });
      await pushOciLayout(layout.dir, 'vulns/alpine:alpine', registry);
      const db = join(work, 'alpine.db');
      await buildDb(db, [`alpine-secdb=${secdbDir}`]);
      result = await scanJson(`${registry.host}/vulns/alpine:alpine`, ['--db', db]);
    });

    it('relies only on plain CVE ids under versions apk reads, for the installed origins', () => {
      const origins = new Set(alpinePackages.map((pkg) => pkg.origin));
      const ours = lines.filter((line) => origins.has(line.origin));

      expect(ours.length).toBeGreaterThan(20);
      expect(ours.filter((line) => !/^CVE-\d{4}-\d+$/.test(line.id))).toEqual([]);
      expect(ours.filter((line) => line.fixed === '0' || !apk.isValid(line.fixed))).toEqual([]);
    });

    it('reports exactly what secdb v3.11 says of the installed versions, in apk order', () => {
      const expected = expectedAlpineFindings(lines);
      const key = (item: Brief): string => `${item.package} ${item.id}`;

      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.inventory?.os).toMatchObject({ id: 'alpine', versionId: '3.11.6' });
      const report = reportOf(result);
      expect(report.findings.map(brief).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        [...expected].sort((a, b) => key(a).localeCompare(key(b)))
      );
      expect(report.suppressed).toEqual([]);
      expect(report.unknowns).toEqual([]);
    });

    it('gives the cases the packages were chosen for', () => {
      const expected = expectedAlpineFindings(lines);
      const found = reportOf(result).findings;
      const fixedFor = (name: string, id: string): string | undefined =>
        found.find((finding) => finding.package.name === name && finding.id === id)?.fixedVersion;

      // The test's own reading is not vacuous: busybox 2, libcrypto1.1 1, libssl1.1 1,
      // sqlite-libs 1 (CVE-2019-19242 is listed twice under one version), libxml2 4, go 1, runc 1.
      expect(expected).toHaveLength(11);
      // Older than a fix; CVE-2019-5747 is listed under 1.29.3-r10 and 1.30.1-r2: the lowest.
      expect(fixedFor('busybox', 'CVE-2018-20679')).toBe('1.29.3-r10');
      expect(fixedFor('busybox', 'CVE-2019-5747')).toBe('1.29.3-r10');
      expect(pairs(found)).not.toContain('busybox CVE-2017-16544');
      // Subpackages matched through their origin, each its own finding.
      expect(fixedFor('libcrypto1.1', 'CVE-2019-1551')).toBe('1.1.1d-r3');
      expect(fixedFor('libssl1.1', 'CVE-2019-1551')).toBe('1.1.1d-r3');
      expect(pairs(found)).not.toContain('libcrypto1.1 CVE-2019-1547');
      // Equal to a fix: not that one, but the later one.
      expect(pairs(found)).not.toContain('sqlite-libs CVE-2019-5018');
      expect(fixedFor('sqlite-libs', 'CVE-2019-19242')).toBe('3.30.1-r1');
      expect(pairs(found)).not.toContain('go CVE-2019-16276');
      expect(fixedFor('go', 'CVE-2019-17596')).toBe('1.13.2-r0');
      expect(fixedFor('runc', 'CVE-2019-16884')).toBe('1.0.0_rc9');
      expect(pairs(found)).not.toContain('runc CVE-2019-5736');
      // Equal to the newest fix, newer than every fix, and not in secdb: nothing.
      const clean = ['curl', 'musl', 'alpine-baselayout'];
      expect(found.filter((finding) => clean.includes(finding.package.name))).toEqual([]);
    });

    it('names the v3.11 record as the advisory, and no severity (Alpine rates nothing)', () => {
      const [first] = reportOf(result).findings;

      for (const finding of reportOf(result).findings) {
        expect(finding.advisories).toEqual([`ALPINE-v3.11-${finding.id}`]);
        expect(finding.severitySource).toBe('none');
        expect(finding.package.purl).toMatch(/^pkg:apk\/alpine\/.*distro=alpine-3\.11\.6/);
      }
      expect(first?.package.location).toBe('lib/apk/db/installed');
    });
  }
);

// ---------------------------------------------------------------------------------------------
// 2. Debian against a tracker JSON and OSV records
// ---------------------------------------------------------------------------------------------

describe('a Debian 12 image against a Debian tracker JSON and OSV records written by the test', () => {
  let result: ScanResult;
  let findings: Finding[];
  const find = (name: string, id: string): Finding | undefined =>
    findings.find((finding) => finding.package.name === name && finding.id === id);

  beforeAll(async () => {
    result = await scanJson(debianImage, ['--db', debianDb]);
    findings = reportOf(result).findings;
  });

  it('imports every record, from both releases', async () => {
    const status = await runCliWithStdout(['db', 'status', '--db', debianDb, '-f', 'json']);
    const { ecosystems } = JSON.parse(status.stdout) as {
      ecosystems: { ecosystem: string; release: string; rows: number }[];
    };

    expect(debianBuild).toMatch(/debian-tracker .*tracker\.json: 13 records, 0 problems/);
    expect(debianBuild).toMatch(/osv .*osv: 3 records, 0 problems/);
    expect(ecosystems.map(({ ecosystem, release }) => `${ecosystem}:${release}`)).toEqual([
      'Debian:11',
      'Debian:12',
    ]);
  });

  it('reports exactly the findings the advisories call for, worst first', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(findings.map(brief)).toEqual(debianFindings);
    expect(reportOf(result).suppressed).toEqual([]);
    expect(reportOf(result).unknowns).toEqual([]);
    expect(reportOf(result).database.sources).toEqual([
      `debian-tracker ${join(work, 'tracker.json')}`,
      `osv ${join(work, 'osv')}`,
    ]);
  });

  it('does not report a version equal to the fixed one, a binNMU’s source version included', () => {
    expect(dpkgSays('3.0.11-1~deb12u1', 'eq', '3.0.11-1~deb12u1')).toBe(true);

    expect(find('libssl3', 'CVE-2024-1002')).toBeUndefined();
    expect(find('libbin1', 'CVE-2024-1030')).toBeUndefined();
    // The binNMU is compared by its source version, 1.2-3, not 1.2-3+b1.
    expect(find('libbin1', 'CVE-2024-1031')).toMatchObject({
      installedVersion: '1.2-3',
      package: { version: '1.2-3+b1' },
    });
  });

  it('lets the epoch decide, as dpkg orders versions', () => {
    // dpkg: an epoch outranks everything after it.
    expect(dpkgSays('1:2.0-1', 'gt', '2.0-3')).toBe(true);
    expect(dpkgSays('1.9-1', 'lt', '1:1.5-2')).toBe(true);
    expect(dpkgSays('2.38.1-5', 'lt', '2.38.1-5+deb12u1')).toBe(true);
    expect(dpkgSays('1:2.38.1-5', 'gt', '2.38.1-5+deb12u1')).toBe(true);

    // 1:2.0-1 is after the fix 2.0-3: not vulnerable, though its upstream revision is lower.
    expect(find('libepoch1', 'CVE-2024-1010')).toBeUndefined();
    // 1.9-1 is before the fix 1:1.5-2: vulnerable, though its upstream version is higher.
    expect(find('plainpkg', 'CVE-2024-1011')?.fixedVersion).toBe('1:1.5-2');
    // bsdutils 1:2.38.1-5 is built from util-linux 2.38.1-5: the source version, without the
    // binary's epoch, is what the tracker's fix is compared with.
    expect(find('bsdutils', 'CVE-2024-1020')).toMatchObject({
      installedVersion: '2.38.1-5',
      fixedVersion: '2.38.1-5+deb12u1',
      package: { version: '1:2.38.1-5' },
    });
  });

  it('reports an open (<unfixed>) issue as affected with no fixed version', () => {
    const unfixed = find('libssl3', 'CVE-2024-1005');

    expect(unfixed).toMatchObject({ status: 'affected', severity: 'low' });
    expect(unfixed).not.toHaveProperty('fixedVersion');
  });

  it('reports an end-of-life issue as end-of-life, with no fix and no severity', () => {
    const eol = find('oldlib', 'CVE-2024-1040');

    expect(eol).toMatchObject({
      status: 'end-of-life',
      severity: 'unknown',
      severitySource: 'none',
    });
    expect(eol).not.toHaveProperty('fixedVersion');
  });

  it('matches no release but the image’s: fixed in bullseye only is not a bookworm finding', () => {
    expect(findings.filter((finding) => finding.package.name === 'bullonly')).toEqual([]);
    // bookworm never affected (fixed_version 0), open in bullseye only.
    expect(find('libssl3', 'CVE-2024-1003')).toBeUndefined();
  });

  it('gives no verdict for an undetermined issue, and none for a removed package', () => {
    expect(find('libssl3', 'CVE-2024-1004')).toBeUndefined();
    expect(result.inventory?.packages.map((pkg) => pkg.name)).not.toContain('removedpkg');
    expect(pairs(findings)).not.toContain('removedpkg CVE-2024-1080');
  });

  it('makes one finding of a CVE the tracker and an OSV record both name, with both advisories', () => {
    const merged = findings.filter((finding) => finding.id === 'CVE-2024-1060');

    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      advisories: ['DEBIAN-TRACKER-CVE-2024-1060:mergedsrc', 'DSA-5600-1'],
      aliases: [],
      fixedVersion: '4.1-2',
      severity: 'high',
      severitySource: 'debian',
      title: 'mergedsrc: a flaw fixed in 4.1-2',
    });
    expect(merged[0]?.references).toEqual(
      expect.arrayContaining([
        'https://security-tracker.debian.org/tracker/CVE-2024-1060',
        'https://security-tracker.debian.org/tracker/DSA-5600-1',
      ])
    );
  });

  it('takes the severity from the tracker’s urgency, and none from an unrated OSV record', () => {
    const rated = findings.map((finding) => [finding.id, finding.severity, finding.severitySource]);

    expect(rated).toEqual([
      ['CVE-2024-1060', 'high', 'debian'],
      ['CVE-2024-1001', 'high', 'debian'],
      ['CVE-2024-1011', 'medium', 'debian'],
      ['CVE-2024-1020', 'low', 'debian'], // `low**`: NVD's urgency, mark removed
      ['CVE-2024-1005', 'low', 'debian'],
      ['CVE-2024-1031', 'negligible', 'debian'], // `unimportant`
      ['CVE-2024-1040', 'unknown', 'none'], // `end-of-life` is a status, not a severity
      ['CVE-2024-1070', 'unknown', 'none'], // OSV record without a rating
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Policy and exit codes through the CLI
// ---------------------------------------------------------------------------------------------

describe('policy through the CLI: severity, unfixed, ignore file, OpenVEX, exit codes', () => {
  const vexReason = (): string =>
    `not_affected (vulnerable_code_not_present): the parser is built without the affected feature; VEX ${vexFile} statements[0]`;

  it('--severity high keeps high and worse, and counts the rest as suppressed by severity', async () => {
    const result = await scanJson(debianImage, ['--db', debianDb, '--severity', 'high']);
    const report = reportOf(result);

    expect(result.code).toBe(0);
    expect(pairs(report.findings)).toEqual(['libmerged1 CVE-2024-1060', 'libssl3 CVE-2024-1001']);
    expect(report.suppressed.map(({ finding, by, reason }) => [finding.id, by, reason])).toEqual([
      ['CVE-2024-1011', 'severity', 'severity medium is below the minimum, high'],
      ['CVE-2024-1020', 'severity', 'severity low is below the minimum, high'],
      ['CVE-2024-1005', 'severity', 'severity low is below the minimum, high'],
      ['CVE-2024-1031', 'severity', 'severity negligible is below the minimum, high'],
      ['CVE-2024-1040', 'severity', 'severity unknown is below the minimum, high'],
      ['CVE-2024-1070', 'severity', 'severity unknown is below the minimum, high'],
    ]);
  });

  it('--ignore-unfixed sets aside the findings without a fixed version', async () => {
    const result = await scanJson(debianImage, ['--db', debianDb, '--ignore-unfixed']);
    const report = reportOf(result);

    expect(report.findings).toHaveLength(debianFindings.length - 2);
    expect(report.suppressed.map(({ finding, by, reason }) => [finding.id, by, reason])).toEqual([
      ['CVE-2024-1005', 'ignore-unfixed', 'no fix available (status affected)'],
      ['CVE-2024-1040', 'ignore-unfixed', 'no fix available (status end-of-life)'],
    ]);
  });

  it('applies an ignore file with its reason, and warns of an expired entry without applying it', async () => {
    const result = await scanJson(debianImage, ['--db', debianDb, '--ignore-file', ignoreFile]);
    const report = reportOf(result);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `palisade: warning: ignore entry 2 for CVE-2024-1011 expired on 2020-01-01 (${ignoreFile}, line 6)\n`
    );
    expect(report.suppressed.map(({ finding, by, reason }) => [finding.id, by, reason])).toEqual([
      [
        'CVE-2024-1001',
        'ignore-file',
        'Only reachable through TLS renegotiation, which the image disables.',
      ],
    ]);
    // The expired entry does not apply; the entry for another package does not either.
    expect(pairs(report.findings)).toContain('plainpkg CVE-2024-1011');
    expect(pairs(report.findings)).toContain('libssl3 CVE-2024-1005');
    expect(report.findings).toHaveLength(debianFindings.length - 1);
  });

  it('sets aside a finding an OpenVEX statement marks not_affected, with the justification', async () => {
    const result = await scanJson(debianImage, ['--db', debianDb, '--vex', vexFile]);
    const report = reportOf(result);

    expect(result.code).toBe(0);
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed[0]).toMatchObject({
      finding: { id: 'CVE-2024-1060', package: { name: 'libmerged1' } },
      by: 'vex',
      reason: vexReason(),
    });
    expect(pairs(report.findings)).not.toContain('libmerged1 CVE-2024-1060');
  });

  it('--exit-code high exits 1 while a high finding is kept, and 0 once policy sets it aside', async () => {
    const kept = await scanJson(debianImage, ['--db', debianDb, '--exit-code', 'high']);
    const setAside = await scanJson(debianImage, [
      '--db',
      debianDb,
      '--exit-code',
      'high',
      '--ignore-file',
      ignoreFile,
      '--vex',
      vexFile,
    ]);
    const report = reportOf(setAside);

    expect(kept.code).toBe(1);
    expect(reportOf(kept).findings.map(brief)).toEqual(debianFindings);
    expect(setAside.code).toBe(0);
    // Both high findings set aside; a medium one is still kept, and is under the threshold.
    expect(report.findings.some((finding) => finding.severity === 'high')).toBe(false);
    expect(report.findings.some((finding) => finding.severity === 'medium')).toBe(true);
    expect(report.suppressed.map(({ finding, by }) => [finding.id, by])).toEqual([
      ['CVE-2024-1060', 'vex'],
      ['CVE-2024-1001', 'ignore-file'],
    ]);
  });

  it('--exit-code without a database exits 2 and says how to build one, before pulling', async () => {
    const cache = mkdtempSync(join(work, 'empty-cache-'));

    // Nothing listens on port 9: had the image been pulled first, this would be exit 3.
    const result = await scanJson('127.0.0.1:9/vulns/debian:debian', ['--exit-code', 'high'], {
      XDG_CACHE_HOME: cache,
    });

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `palisade: no advisory database at ${join(cache, 'palisade', 'advisories.db')}; build one with: palisade db update --source osv=PATH_OR_URL (or import one with palisade db import FILE)\n`
    );
  });

  it('notes on stderr that there is no advisory database yet, and lists packages only', async () => {
    const cache = mkdtempSync(join(work, 'empty-cache-'));

    const result = await scanJson(debianImage, [], { XDG_CACHE_HOME: cache });

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'palisade: note: no advisory database yet, so packages are listed without vulnerabilities; build one with: palisade db update --source osv=PATH_OR_URL\n'
    );
    expect(result.inventory?.packages).toHaveLength(debPackages.length - 1);
    expect(result.inventory).not.toHaveProperty('vulnerabilities');
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Vulnerability formats
// ---------------------------------------------------------------------------------------------

describe('vulnerability formats through the CLI: SARIF and CycloneDX', () => {
  it('--format sarif is SARIF 2.1.0 JSON with one result per finding', async () => {
    const result = await scan(debianImage, ['--db', debianDb, '-f', 'sarif']);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: { results: { ruleId: string; properties: { purl: string } }[] }[];
    };
    const parsed = sarifLogSchema.safeParse(log);

    expect(result.code).toBe(0);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results.map((item) => item.ruleId)).toEqual(
      debianFindings.map((finding) => finding.id)
    );
  });

  it('--format sarif keeps suppressed findings as results marked suppressed', async () => {
    const result = await scan(debianImage, ['--db', debianDb, '-f', 'sarif', '--severity', 'high']);
    const log = JSON.parse(result.stdout) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string }[] }[] }[];
    };
    const results = log.runs[0]?.results ?? [];

    expect(results).toHaveLength(debianFindings.length);
    expect(results.filter((item) => item.suppressions === undefined).map((r) => r.ruleId)).toEqual([
      'CVE-2024-1060',
      'CVE-2024-1001',
    ]);
    expect(results.filter((item) => item.suppressions?.[0]?.kind === 'external')).toHaveLength(
      debianFindings.length - 2
    );
  });

  it('--format cyclonedx has a vulnerabilities array, one entry per finding, VEX analysis kept', async () => {
    const result = await scan(debianImage, ['--db', debianDb, '-f', 'cyclonedx', '--vex', vexFile]);
    const bom = JSON.parse(result.stdout) as {
      components: { 'bom-ref': string; purl: string }[];
      vulnerabilities: { id: string; affects: { ref: string }[]; analysis?: { state?: string } }[];
    };
    const purlByRef = new Map(
      bom.components.map((component) => [component['bom-ref'], component.purl])
    );
    const entries = bom.vulnerabilities.map((entry) => ({
      id: entry.id,
      purl: purlByRef.get(entry.affects[0]?.ref ?? ''),
      state: entry.analysis?.state,
    }));

    expect(result.code).toBe(0);
    expect(Array.isArray(bom.vulnerabilities)).toBe(true);
    // The kept findings first, then the one the VEX statement set aside, with its analysis.
    expect(entries.map(({ id }) => id)).toEqual([
      ...debianFindings.map((finding) => finding.id).filter((id) => id !== 'CVE-2024-1060'),
      'CVE-2024-1060',
    ]);
    expect(entries.find(({ id }) => id === 'CVE-2024-1060')).toEqual({
      id: 'CVE-2024-1060',
      purl: 'pkg:deb/debian/libmerged1@4.1-1?arch=amd64&distro=debian-12&upstream=mergedsrc',
      state: 'not_affected',
    });
    expect(entries.every(({ purl }) => purl?.startsWith('pkg:deb/debian/'))).toBe(true);
  });
});
