import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { OsvRecord } from '../../osv/schema.js';
import { scheme as apk } from '../../versions/apk/index.js';
import { source } from './index.js';

/** A snapshot of github.com/alpinelinux/alpine-secdb, beside the repository, not inside it. */
const secdbDir = fileURLToPath(
  new URL('../../../../../shared/data/advisories/alpine-secdb', import.meta.url)
);
const sharedDataAvailable = existsSync(secdbDir);

const releases = ['v3.10', 'v3.11', 'v3.3', 'v3.4', 'v3.5', 'v3.6', 'v3.7', 'v3.8', 'v3.9'];

let records: Map<string, OsvRecord>;
let errors: string[];

/** Package name → fixed version, for one record. */
function fixedIn(id: string): Record<string, string> {
  const record = records.get(id);
  return Object.fromEntries(
    (record?.affected ?? []).map((entry) => {
      const fixed = entry.ranges?.[0]?.events.find((event) => 'fixed' in event);
      return [entry.package.name, fixed && 'fixed' in fixed ? fixed.fixed : ''];
    })
  );
}

interface PlainEntry {
  release: string;
  name: string;
  fixed: string;
  cve: string;
}

type PlainPackage = { pkg: { name: string; secfixes: Record<string, unknown> } };

/**
 * The files as plain text would have them, read by the test itself with the failsafe schema
 * (every scalar a string), so the check does not lean on the source's own parser. Only
 * entries that are exactly one CVE id under a well-formed version other than `0` are taken.
 */
function plainEntries(): PlainEntry[] {
  return releases.flatMap((release) =>
    ['main.yaml', 'community.yaml'].flatMap((file) => {
      const text = readFileSync(join(secdbDir, release, file), 'utf8');
      const document = parse(text, { schema: 'failsafe' }) as { packages?: unknown };
      const packages = Array.isArray(document.packages)
        ? (document.packages as PlainPackage[])
        : [];
      return packages.flatMap(({ pkg }) =>
        Object.entries(pkg.secfixes).flatMap(([fixed, cves]) =>
          (Array.isArray(cves) ? (cves as unknown[]) : [])
            .filter((cve): cve is string => typeof cve === 'string' && /^CVE-\d{4}-\d+$/.test(cve))
            .filter(() => fixed !== '0' && apk.isValid(fixed))
            .map((cve) => ({ release, name: pkg.name, fixed, cve }))
        )
      );
    })
  );
}

describe.skipIf(!sharedDataAvailable)(
  'alpine-secdb source on the real secdb, v3.3 to v3.11 (read from ../shared/data/advisories/alpine-secdb, absent elsewhere)',
  () => {
    beforeAll(async () => {
      records = new Map();
      errors = [];
      for await (const item of source.read(secdbDir, {
        logger: silentLogger,
        tempDir: tmpdir(),
        timeoutMs: 1000,
      })) {
        if (item.kind === 'error') {
          errors.push(`${item.origin}: ${item.message}`);
        } else {
          expect(OsvRecord.safeParse(item.record).success, item.record.id).toBe(true);
          expect(records.has(item.record.id), `${item.record.id} twice`).toBe(false);
          records.set(item.record.id, item.record);
        }
      }
    });

    it('reads every release folder of the snapshot', () => {
      expect(readdirSync(secdbDir).sort()).toEqual(releases);
      const seen = new Set([...records.keys()].map((id) => id.split('-')[1]));
      expect([...seen].sort()).toEqual(releases);
      expect(records.size).toBeGreaterThan(10_000);
    });

    /**
     * The snapshot's own mistakes, each reported once: versions apk cannot read
     * (`10.2.26.r0`, `4.10-1-r1`), words that are not ids (`CVE_2019-2426`,
     * `CVE-2017-17434-1`, `CVE 2018-16859`), and a version that lists nothing.
     */
    it('reports exactly the quirks the data has, and no other error', () => {
      const notId = errors.filter((error) => error.includes(': not an advisory id: '));
      const badVersion = errors.filter((error) => error.includes(': not a valid apk version,'));
      const empty = errors.filter((error) => error.endsWith(': lists no advisory ids'));

      expect([notId.length, badVersion.length, empty.length]).toEqual([26, 23, 1]);
      expect(errors).toHaveLength(50);
      expect(errors).toEqual(
        expect.arrayContaining([
          'v3.11/community.yaml: package openjdk7, fixed "7.211.2.6.17-r0", entry "CVE_2019-2426": not an advisory id: "CVE_2019-2426"',
          'v3.9/main.yaml: package ansible, fixed "2.7.3-r0", entry "CVE 2018-16859": not an advisory id: "CVE", "2018-16859"',
          'v3.7/main.yaml: package xen, fixed "4.9.1-r3", entry "CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI": not an advisory id: "XPTI" (kept: CVE-2017-5753, CVE-2017-5715, CVE-2017-5754, XSA-254)',
          'v3.8/main.yaml: package mariadb, fixed "10.2.26.r0": not a valid apk version, so its 5 entries are left out',
          'v3.11/main.yaml: package xen, fixed "4.10-1-r1": not a valid apk version, so its 3 entries are left out',
          'v3.6/main.yaml: package heimdal, fixed "7.4.0-r0": lists no advisory ids',
        ])
      );
    });

    it('gives v3.11 ansible 2.9.3-r0 as the fix for CVE-2019-14904, as main.yaml says', () => {
      const text = readFileSync(join(secdbDir, 'v3.11', 'main.yaml'), 'utf8');
      const main = parse(text) as { packages: { pkg: { name: string; secfixes: object } }[] };
      const ansible = main.packages.find((item) => item.pkg.name === 'ansible');
      expect(ansible?.pkg.secfixes).toHaveProperty(
        ['2.9.3-r0'],
        expect.arrayContaining(['CVE-2019-14904'])
      );

      expect(records.get('ALPINE-v3.11-CVE-2019-14904')).toEqual({
        id: 'ALPINE-v3.11-CVE-2019-14904',
        modified: '1970-01-01T00:00:00Z',
        aliases: ['CVE-2019-14904'],
        affected: [
          {
            package: { ecosystem: 'Alpine:v3.11', name: 'ansible' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.9.3-r0' }] }],
          },
        ],
      });
    });

    it('groups main and community packages fixed for one CVE in one release', () => {
      // CVE-2018-0734: openssl in main, nodejs and nodejs-current (bundling it) in community.
      expect(fixedIn('ALPINE-v3.11-CVE-2018-0734')).toEqual({
        nodejs: '10.14.0-r0',
        'nodejs-current': '11.3.0-r0',
        openssl: '1.1.1a-r0',
      });
    });

    it('keeps the lowest of two fixes listed for one package', () => {
      // v3.8 main.yaml lists openssl's CVE-2017-3738 under both 1.0.2n-r0 and 1.0.2o-r0.
      const text = readFileSync(join(secdbDir, 'v3.8', 'main.yaml'), 'utf8');
      expect(text).toMatch(/1\.0\.2o-r0:\n(?:\s+- .*\n)*?\s+- CVE-2017-3738\n/);
      expect(text).toMatch(/1\.0\.2n-r0:\n(?:\s+- .*\n)*?\s+- CVE-2017-3738\n/);

      expect(fixedIn('ALPINE-v3.8-CVE-2017-3738')).toEqual({ openssl: '1.0.2n-r0' });
    });

    it('makes no record of what `0` marks as not affected', () => {
      // v3.8 db: `"0": [CVE-2016-0682, …]`, issues of the later closed-source Berkeley DB.
      expect(records.has('ALPINE-v3.8-CVE-2016-0682')).toBe(false);
      expect(records.has('ALPINE-v3.8-CVE-2016-3418')).toBe(false);
    });

    it('keeps Xen advisory ids: beside a CVE as related, alone as their own record', () => {
      expect(records.get('ALPINE-v3.7-CVE-2017-5715')).toMatchObject({
        aliases: ['CVE-2017-5715'],
        related: ['XSA-254'],
      });
      expect(records.get('ALPINE-v3.9-XSA-284')).toMatchObject({ aliases: ['XSA-284'] });
      expect(fixedIn('ALPINE-v3.9-XSA-284')).toEqual({ xen: '4.11.2-r0' });
    });

    it('covers every plain CVE entry with a fix at or below the one written', () => {
      const entries = plainEntries();
      expect(entries.length).toBeGreaterThan(10_000);
      const misses = entries.filter(({ release, name, fixed, cve }) => {
        const held = fixedIn(`ALPINE-${release}-${cve}`)[name];
        return held === undefined || apk.compare(held, fixed) > 0;
      });

      expect(misses.slice(0, 5)).toEqual([]);
    });
  }
);
