import { describe, expect, it } from 'vitest';
import { parseIgnoreYaml } from './ignore-yaml.js';
import { expiredWarnings, isExpired, matchIgnoreEntry } from './ignore-match.js';
import { parsePurl } from './purl-pattern.js';
import { sampleFinding } from './testing/sample-finding.js';

const now = Date.UTC(2025, 0, 15, 12);
const finding = sampleFinding();
const purl = parsePurl(finding.package.purl);

function matchOne(entry: string, at = now): string | undefined {
  const list = parseIgnoreYaml(entry, 'ignore.yaml');
  return matchIgnoreEntry(finding, purl, list.entries, at)?.reason;
}

describe('matchIgnoreEntry', () => {
  it('matches the finding id, in any case', () => {
    expect(matchOne('- { id: CVE-2023-5678, reason: by id }')).toBe('by id');
    expect(matchOne('- { id: cve-2023-5678, reason: lower case }')).toBe('lower case');
    expect(matchOne('- { id: CVE-2023-9999, reason: other }')).toBeUndefined();
  });

  it('matches any alias of the finding', () => {
    expect(matchOne('- { id: DSA-5585-1, reason: by alias }')).toBe('by alias');
  });

  it('matches a package by purl without version, or with the installed version only', () => {
    expect(
      matchOne('- { id: CVE-2023-5678, package: "pkg:deb/debian/openssl", reason: prefix }')
    ).toBe('prefix');
    expect(
      matchOne(
        '- { id: CVE-2023-5678, package: "pkg:deb/debian/openssl@3.0.11-1~deb12u2", reason: exact }'
      )
    ).toBe('exact');
    expect(
      matchOne('- { id: CVE-2023-5678, package: "pkg:deb/debian/openssl@3.0.10-1", reason: x }')
    ).toBeUndefined();
    expect(
      matchOne('- { id: CVE-2023-5678, package: "pkg:deb/debian/libssl3", reason: x }')
    ).toBeUndefined();
  });

  it('needs a readable purl on the finding for an entry with a package', () => {
    const list = parseIgnoreYaml(
      '- { id: CVE-2023-5678, package: "pkg:deb/debian/openssl", reason: x }',
      'ignore.yaml'
    );
    expect(matchIgnoreEntry(finding, undefined, list.entries, now)).toBeUndefined();
  });

  it('applies an entry until its expiry, and not from that instant on', () => {
    const entry = '- { id: CVE-2023-5678, expires: 2025-01-16, reason: until the 16th }';
    expect(matchOne(entry)).toBe('until the 16th');
    expect(matchOne(entry, Date.UTC(2025, 0, 16) - 1)).toBe('until the 16th');
    expect(matchOne(entry, Date.UTC(2025, 0, 16))).toBeUndefined();
    expect(matchOne('- { id: CVE-2023-5678, expires: 2025-01-01, reason: x }')).toBeUndefined();
  });

  it('takes the first entry that applies, skipping expired ones', () => {
    const entries = [
      '- { id: CVE-2023-5678, expires: 2024-12-31, reason: expired }',
      '- { id: CVE-2023-5678, package: "pkg:deb/debian/curl", reason: other package }',
      '- { id: DSA-5585-1, reason: first that applies }',
      '- { id: CVE-2023-5678, reason: later }',
    ].join('\n');
    expect(matchOne(entries)).toBe('first that applies');
  });
});

describe('expiredWarnings', () => {
  it('lists every expired entry, matched or not, with its number, id, date and line', () => {
    const list = parseIgnoreYaml(
      [
        '- { id: CVE-2023-0001, expires: 2025-01-01, reason: past }',
        '- { id: CVE-2023-0002, expires: 2026-01-01, reason: future }',
        '- { id: CVE-2023-0003, reason: forever }',
        '- id: CVE-2023-0004',
        '  expires: "2025-01-15T12:00:00Z"',
        '  reason: expires right now',
      ].join('\n'),
      '.palisadeignore.yaml'
    );
    expect(expiredWarnings(list, now)).toEqual([
      'ignore entry 1 for CVE-2023-0001 expired on 2025-01-01 (.palisadeignore.yaml, line 1)',
      'ignore entry 4 for CVE-2023-0004 expired on 2025-01-15T12:00:00Z (.palisadeignore.yaml, line 4)',
    ]);
    expect(list.entries.map((entry) => isExpired(entry, now))).toEqual([true, false, false, true]);
  });
});
