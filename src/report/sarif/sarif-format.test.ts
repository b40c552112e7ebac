import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sarifLogSchema, type SarifLogModel } from '../../../test/schemas/sarif-2.1.0.js';
import type { Finding, Severity } from '../../core/finding.js';
import type { Inventory, VulnerabilityReport } from '../../core/inventory.js';
import {
  sampleInventory,
  sampleInventoryWithVulnerabilities,
  samplePackage,
  sampleVulnerabilities,
} from '../testing/sample-inventory.js';
import type { SarifLog } from './sarif-log.js';
import { fingerprintKey } from './sarif-results.js';
import { sarifFormat } from './sarif-format.js';

function render(inventory: Inventory): string {
  return sarifFormat.render(inventory, { color: false });
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

/** The SARIF subset GitHub needs, as modelled in test/schemas (no schema is available offline). */
function expectValid(text: string): void {
  const result = sarifLogSchema.safeParse(JSON.parse(text));
  expect(result.success ? [] : result.error.issues).toEqual([]);
}

function withReport(report: Partial<VulnerabilityReport>): Inventory {
  return { ...sampleInventory(), vulnerabilities: { ...sampleVulnerabilities(), ...report } };
}

function run(inventory: Inventory) {
  const [only] = parse(render(inventory)).runs;
  if (!only) {
    throw new Error('no run');
  }
  return only;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('sarif format', () => {
  const inventory = sampleInventoryWithVulnerabilities();
  const text = render(inventory);
  const log = parse(text);
  const { rules } = log.runs[0]!.tool.driver;
  const { results } = log.runs[0]!;

  it('is valid by the model of the SARIF 2.1.0 subset GitHub code scanning requires', () => {
    expectValid(text);
  });

  it('is SARIF 2.1.0 with one run by palisade', () => {
    expect(log.$schema).toBe(
      'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
    );
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({
      name: 'palisade',
      informationUri: 'https://palisade.invalid/',
      version: '0.1.0',
    });
    expect(text.endsWith('}\n')).toBe(true);
    expect(render(sampleInventoryWithVulnerabilities())).toBe(text);
  });

  it('is still valid, with no results and a warning, when the scan matched no advisories', () => {
    const plain = render(sampleInventory());
    expectValid(plain);
    const only = parse(plain).runs[0]!;
    expect(only.tool.driver.rules).toEqual([]);
    expect(only.results).toEqual([]);
    expect(only.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'warning',
            message: {
              text: 'no advisory database was matched: vulnerabilities were not looked for',
            },
          },
        ],
      },
    ]);
    expect(only.properties).toEqual({
      image: 'docker.io/library/debian:12',
      manifestDigest: inventory.artifact.manifestDigest,
    });
  });

  it('has one rule per vulnerability, with descriptions, help and GitHub’s severity', () => {
    expect(rules.map((rule) => rule.id)).toEqual([
      'CVE-2023-45853',
      'CVE-2024-2961',
      'CVE-2024-33599',
      'CVE-2024-5535',
      'CVE-2023-42366',
      'CVE-2010-4756',
    ]);
    expect(rules[1]).toEqual({
      id: 'CVE-2024-2961',
      shortDescription: {
        text: 'CVE-2024-2961: glibc: out-of-bounds write in iconv ISO-2022-CN-EXT',
      },
      fullDescription: { text: 'glibc: out-of-bounds write in iconv ISO-2022-CN-EXT' },
      helpUri: 'https://security-tracker.debian.org/tracker/CVE-2024-2961',
      help: {
        text: [
          'CVE-2024-2961: glibc: out-of-bounds write in iconv ISO-2022-CN-EXT',
          'Severity: high (rated by debian)',
          'Also known as: DSA-5673-1',
          'References:',
          '- https://security-tracker.debian.org/tracker/CVE-2024-2961',
          '- https://www.openwall.com/lists/oss-security/2024/04/17/9',
        ].join('\n'),
        markdown: [
          '**CVE-2024-2961**: glibc: out-of-bounds write in iconv ISO-2022-CN-EXT',
          'Severity: **high** (rated by debian)',
          'Also known as: DSA-5673-1',
          'References:\n\n- <https://security-tracker.debian.org/tracker/CVE-2024-2961>\n- <https://www.openwall.com/lists/oss-security/2024/04/17/9>',
        ].join('\n\n'),
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'vulnerability', 'high'], 'security-severity': '8.0' },
    });
  });

  it('maps each severity to a level and a security-severity in GitHub’s band for it', () => {
    const expected: [Severity, string, string][] = [
      ['critical', 'error', '9.5'],
      ['high', 'error', '8.0'],
      ['medium', 'warning', '5.5'],
      ['low', 'note', '2.0'],
      ['negligible', 'note', '0.0'],
      ['unknown', 'note', '0.0'],
    ];
    const [base] = sampleVulnerabilities().findings;
    const findings = expected.map(([severity], index): Finding => ({
      ...base!,
      id: `CVE-2099-000${index}`,
      severity,
    }));
    const mapped = run(withReport({ findings, suppressed: [] }));
    expect(
      mapped.tool.driver.rules.map((rule) => [
        rule.properties.tags[2],
        rule.defaultConfiguration.level,
        rule.properties['security-severity'],
      ])
    ).toEqual(expected);
    expect(mapped.results.map((result) => result.level)).toEqual(
      expected.map(([, level]) => level)
    );
  });

  it('falls back to the id’s database page for help, and to the id for a missing title', () => {
    expect(rules[4]).toMatchObject({
      id: 'CVE-2023-42366',
      shortDescription: { text: 'CVE-2023-42366' },
      fullDescription: { text: 'CVE-2023-42366' },
      helpUri: 'https://nvd.nist.gov/vuln/detail/CVE-2023-42366',
      help: { text: 'CVE-2023-42366\nSeverity: unknown (not rated)' },
      properties: { tags: ['security', 'vulnerability', 'unknown'], 'security-severity': '0.0' },
    });
  });

  it('has one result per finding, at the package database, with a stable fingerprint', () => {
    const libc = samplePackage('libc6');
    expect(results).toHaveLength(6);
    expect(results[1]).toEqual({
      ruleId: 'CVE-2024-2961',
      ruleIndex: 1,
      level: 'error',
      message: {
        text: 'CVE-2024-2961 (high severity) in libc6: installed 2.36-9+deb12u7, fixed in 2.36-9+deb12u9.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'var/lib/dpkg/status' },
            region: { startLine: 1 },
          },
        },
      ],
      partialFingerprints: { [fingerprintKey]: sha256(`CVE-2024-2961\u0000${libc.purl}`) },
      properties: {
        purl: libc.purl,
        installedVersion: '2.36-9+deb12u7',
        fixedVersion: '2.36-9+deb12u9',
        status: 'fixed',
        severity: 'high',
        layerDigest: libc.layer!.digest,
      },
    });
    expect(
      results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri)
    ).toEqual([
      'var/lib/dpkg/status',
      'var/lib/dpkg/status',
      'var/lib/dpkg/status',
      'var/lib/rpm/rpmdb.sqlite',
      'lib/apk/db/installed',
      'var/lib/dpkg/status',
    ]);
  });

  it('says when there is no fix, and why', () => {
    expect(results[0]!.message.text).toBe(
      'CVE-2023-45853 (critical severity) in zlib1g: installed 1:1.2.13.dfsg-1, no fixed version (will-not-fix).'
    );
    expect(results[0]!.properties).not.toHaveProperty('fixedVersion');
  });

  it('fingerprints the vulnerability and package only, so a rescan gives the same alert', () => {
    const fingerprints = results.map((result) => result.partialFingerprints[fingerprintKey]);
    expect(new Set(fingerprints).size).toBe(results.length);
    const [first] = sampleVulnerabilities().findings;
    const retold: Finding = {
      ...first!,
      title: 'a new title',
      severity: 'low',
      references: [],
      package: { ...first!.package, location: 'var/lib/dpkg/status.d/zlib1g' },
    };
    const rescan = run(withReport({ findings: [retold] }));
    expect(rescan.results[0]!.partialFingerprints).toEqual(results[0]!.partialFingerprints);
  });

  it('keeps a suppressed finding as a result GitHub hides, with the reason', () => {
    expect(results[5]).toMatchObject({
      ruleId: 'CVE-2010-4756',
      ruleIndex: 5,
      level: 'note',
      suppressions: [
        { kind: 'external', justification: 'no service in this image calls glob() on user input' },
      ],
      properties: { suppressedBy: 'ignore-file', severity: 'negligible' },
    });
    expect(results.slice(0, 5).every((result) => result.suppressions === undefined)).toBe(true);
  });

  it('reports the packages it could not judge as warnings, and the database it used', () => {
    expect(log.runs[0]!.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'warning',
            message: {
              text: `${samplePackage('bsdutils').purl} could not be judged: the dpkg scheme could not read its source version`,
            },
          },
        ],
      },
    ]);
    expect(log.runs[0]!.properties).toEqual({
      image: 'docker.io/library/debian:12',
      manifestDigest: inventory.artifact.manifestDigest,
      database: {
        builtAt: '2024-04-30T06:00:00.000Z',
        sources: ['alpine-secdb', 'debian-tracker', 'osv'],
      },
      suppressed: 1,
      unknowns: 1,
    });
  });

  it('has no notifications when every package was judged', () => {
    const clean = run(withReport({ unknowns: [] }));
    expect(clean.invocations).toBeUndefined();
    const empty = render(withReport({ findings: [], suppressed: [], unknowns: [] }));
    expectValid(empty);
    expect(parse(empty).runs[0]!.results).toEqual([]);
  });

  it('makes one rule of a vulnerability in two packages, rated as the worse of them', () => {
    const [zlib, libc] = sampleVulnerabilities().findings;
    const sameInLibc: Finding = { ...zlib!, package: libc!.package, severity: 'low' };
    const worseLater: Finding = { ...zlib!, severity: 'medium' };
    const shared = run(withReport({ findings: [{ ...sameInLibc }, worseLater], suppressed: [] }));
    expect(shared.tool.driver.rules).toHaveLength(1);
    expect(shared.tool.driver.rules[0]!.properties['security-severity']).toBe('5.5');
    expect(shared.results.map((result) => [result.ruleIndex, result.level])).toEqual([
      [0, 'note'],
      [0, 'warning'],
    ]);
  });

  it('stays valid with hostile advisory data and odd package paths', () => {
    const [first] = sampleVulnerabilities().findings;
    const hostile: Finding = {
      ...first!,
      title: '[click](javascript:alert(1)) <img src=x onerror=alert(1)> | **bold**\n# heading',
      references: ['javascript:alert(1)', 'https://example.com/a b', 'not a url'],
      package: { ...first!.package, location: '/var/lib/dpkg/status.d/odd name:with%signs' },
    };
    const noLocation: Finding = {
      ...first!,
      id: 'CVE-2099-0002',
      package: { ...first!.package, location: '' },
    };
    const output = render(withReport({ findings: [hostile, noLocation] }));
    expectValid(output);
    const odd = parse(output).runs[0]!;
    expect(odd.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'var/lib/dpkg/status.d/odd%20name%3Awith%25signs'
    );
    expect(odd.results[1]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('image');
    const { help, helpUri } = odd.tool.driver.rules[0]!;
    expect(helpUri).toBe('https://example.com/a%20b');
    expect(help.markdown).toContain(
      '\\[click\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\| \\*\\*bold\\*\\* # heading'
    );
    expect(help.markdown).not.toContain('javascript:alert(1)>');
  });
});

describe('the SARIF model in test/schemas', () => {
  const valid = JSON.parse(render(sampleInventoryWithVulnerabilities())) as SarifLogModel;

  function issues(mutate: (log: SarifLogModel) => void): string[] {
    const copy = structuredClone(valid);
    mutate(copy);
    const result = sarifLogSchema.safeParse(copy);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  }

  it('refuses what GitHub refuses', () => {
    expect(issues(() => undefined)).toEqual([]);
    expect(issues((log) => (log.runs[0]!.results[0]!.locations = []))).not.toEqual([]);
    expect(
      issues((log) => ((log.runs[0]!.results[0]! as { level: string }).level = 'critical'))
    ).not.toEqual([]);
    expect(issues((log) => (log.runs[0]!.results[0]!.ruleIndex = 3))).toEqual([
      'ruleIndex 3 is not the rule CVE-2023-45853',
    ]);
    expect(issues((log) => (log.runs[0]!.results[0]!.ruleId = 'CVE-0000-0000'))).toContain(
      'ruleId CVE-0000-0000 names no rule of the run'
    );
    expect(
      issues(
        (log) =>
          (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri =
            '/var/lib/dpkg/status')
      )
    ).toEqual(['not a relative URI reference']);
    expect(
      issues(
        (log) => (log.runs[0]!.tool.driver.rules![0]!.properties!['security-severity'] = 'critical')
      )
    ).not.toEqual([]);
    expect(
      issues((log) => ((log.runs[0]!.results[0]! as Record<string, unknown>)['fingerprint'] = 'x'))
    ).not.toEqual([]);
    expect(issues((log) => ((log as { version: string }).version = '2.0.0'))).not.toEqual([]);
  });
});
