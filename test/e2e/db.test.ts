import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliWithStdout } from '../harness/cli.js';

let work: string;
let feed: string;

function osv(id: string, ecosystem: string, name: string, fixed: string): string {
  return JSON.stringify({
    id,
    modified: '2024-05-01T00:00:00Z',
    aliases: [`CVE-2024-${id.length}`],
    summary: `${name} is vulnerable`,
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'palisade-db-cli-'));
  feed = join(work, 'feed');
  mkdirSync(join(feed, 'debian'), { recursive: true });
  writeFileSync(
    join(feed, 'debian', 'DSA-5001-1.json'),
    osv('DSA-5001-1', 'Debian:12', 'openssl', '3.0.11-1~deb12u2')
  );
  writeFileSync(join(feed, 'PYSEC-2024-1.json'), osv('PYSEC-2024-1', 'PyPI', 'requests', '2.32.0'));
  writeFileSync(join(feed, 'BROKEN-1.json'), JSON.stringify({ modified: '2024-01-01T00:00:00Z' }));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('palisade db', () => {
  it('says how to build a database when there is none', async () => {
    const result = await runCli(['db', 'status', '--db', join(work, 'none.db')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^palisade: no advisory database at .*none\.db; build one with: palisade db update --source osv=/
    );
  });

  it('builds from an OSV folder, reports what it left out, and shows its status', async () => {
    const db = join(work, 'advisories.db');

    const update = await runCli(['db', 'update', '--source', `osv=${feed}`, '--db', db]);
    const status = await runCliWithStdout([
      'db',
      'status',
      '--db',
      db,
      '--format',
      'json',
      '--errors',
    ]);

    expect(update.code).toBe(0);
    expect(update.stderr).toContain('2 advisories, 2 affected entries');
    expect(update.stderr).toMatch(/BROKEN-1\.json: .*id/);
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { errors: { origin: string }[] }).errors).toMatchObject([
      { origin: 'BROKEN-1.json' },
    ]);
  });

  it('prints status as JSON and warns when the database is older than --max-age', async () => {
    const db = join(work, 'status.db');
    await runCli(['db', 'update', '-s', `osv=${feed}`, '--db', db]);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const json = await runCliWithStdout(['db', 'status', '--db', db, '-f', 'json']);
    const stale = await runCliWithStdout(['db', 'status', '--db', db, '--max-age', '0.0000001']);

    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      advisories: 2,
      importErrors: 1,
      sources: [{ id: 'osv', records: 2, errors: 1 }],
      ecosystems: [
        { ecosystem: 'Debian', release: '12', rows: 1 },
        { ecosystem: 'PyPI', release: '', rows: 1 },
      ],
    });
    expect(stale.code).toBe(0);
    expect(stale.stdout).toMatch(/^database {4}.*status\.db\nbuilt/);
    expect(stale.stderr).toMatch(/warning: the advisory database is .* days old, over --max-age/);
  });

  it('keeps the old database when an update fails, and exports and imports a database', async () => {
    const db = join(work, 'kept.db');
    await runCli(['db', 'update', '-s', `osv=${feed}`, '--db', db]);
    const corrupt = join(work, 'corrupt.zip');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));

    const failed = await runCli(['db', 'update', '-s', `osv=${corrupt}`, '--db', db]);
    const exported = await runCli(['db', 'export', join(work, 'carry', 'a.db'), '--db', db]);
    const imported = await runCli([
      'db',
      'import',
      join(work, 'carry', 'a.db'),
      '--db',
      join(work, 'other.db'),
    ]);
    const refused = await runCli(['db', 'import', corrupt, '--db', join(work, 'other.db')]);

    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^palisade: .*corrupt\.zip/);
    expect(existsSync(db)).toBe(true);
    expect((await runCliWithStdout(['db', 'status', '--db', db])).code).toBe(0);
    expect(exported).toEqual({ code: 0, stderr: '' });
    expect(imported).toEqual({ code: 0, stderr: '' });
    expect(refused.code).toBe(2);
    expect((await runCliWithStdout(['db', 'status', '--db', join(work, 'other.db')])).code).toBe(0);
  });

  it('refuses a source it does not know, and an update with no source', async () => {
    const unknown = await runCli(['db', 'update', '-s', 'nvd=/tmp/x']);
    const none = await runCli(['db', 'update']);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--source must be ID=PATH_OR_URL with ID one of osv/);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/name at least one source with --source/);
  });
});

const pypa = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'advisories',
  'pypa-osv'
);
const sharedDataAvailable = existsSync(pypa);

describe.skipIf(!sharedDataAvailable)(
  'the PyPA advisories in ../shared/data/advisories/pypa-osv',
  () => {
    const db = (): string => join(work, 'pypa.db');
    let update: { code: number; stderr: string };

    beforeAll(async () => {
      update = await runCli(['db', 'update', '--source', `osv=${pypa}`, '--db', db()]);
    });

    it('import cleanly, every one of them', async () => {
      const files = readdirSync(join(pypa, 'vulns'), { recursive: true }).filter((name) =>
        String(name).endsWith('.yaml')
      );

      const status = await runCliWithStdout(['db', 'status', '--db', db(), '-f', 'json']);

      expect(update.code).toBe(0);
      expect(update.stderr).toContain(`${files.length} records, 0 problems`);
      expect(JSON.parse(status.stdout)).toMatchObject({
        advisories: files.length,
        importErrors: 0,
        ecosystems: [{ ecosystem: 'PyPI', release: '' }],
      });
    });

    it('report an affected Python package, and not its fixed version', async () => {
      const sbom = (version: string): string => {
        const path = join(work, `jinja2-${version}.cdx.json`);
        writeFileSync(
          path,
          JSON.stringify({
            bomFormat: 'CycloneDX',
            specVersion: '1.6',
            version: 1,
            components: [
              { type: 'library', name: 'Jinja2', version, purl: `pkg:pypi/jinja2@${version}` },
            ],
          })
        );
        return path;
      };
      const advisoriesOf = async (version: string): Promise<string[]> => {
        const result = await runCliWithStdout([
          'scan',
          'sbom',
          sbom(version),
          '--db',
          db(),
          '-f',
          'json',
        ]);
        expect(result.code).toBe(0);
        const report = JSON.parse(result.stdout) as {
          vulnerabilities: { findings: { advisories: string[] }[] };
        };
        return report.vulnerabilities.findings.flatMap((finding) => finding.advisories);
      };

      // PYSEC-2019-217: Jinja2 before 2.10.1, CVE-2019-10906.
      expect(await advisoriesOf('2.10')).toContain('PYSEC-2019-217');
      expect(await advisoriesOf('2.10.1')).not.toContain('PYSEC-2019-217');
    });
  }
);
