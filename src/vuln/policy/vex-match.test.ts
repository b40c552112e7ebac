import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import { parseOpenVex } from './openvex.js';
import { parsePurl } from './purl-pattern.js';
import { findingIn, sampleFinding } from './testing/sample-finding.js';
import { vexJson } from './testing/sample-vex.js';
import { decidingStatement, indexVex, vexReason, vexSuppresses } from './vex-match.js';

const openssl = 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12';

function statement(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    vulnerability: { name: 'CVE-2023-5678' },
    products: [{ '@id': 'pkg:deb/debian/openssl' }],
    status: 'not_affected',
    justification: 'vulnerable_code_not_present',
    ...overrides,
  };
}

/** The verdict for a finding: the reason when VEX sets it aside, else the deciding status. */
function verdict(documents: string[], finding: Finding = sampleFinding()): string | undefined {
  const parsed = documents.map((content, index) => parseOpenVex(content, `vex-${index}.json`));
  const deciding = decidingStatement(indexVex(parsed), finding, parsePurl(finding.package.purl));
  if (deciding === undefined) {
    return undefined;
  }
  return vexSuppresses(deciding.statement) ? vexReason(deciding) : deciding.statement.status;
}

describe('VEX matching', () => {
  it('suppresses by a product purl, with the justification and impact in the reason', () => {
    expect(
      verdict([
        vexJson([statement({ impact_statement: 'Built with no-legacy; the code is absent.' })]),
      ])
    ).toBe(
      'not_affected (vulnerable_code_not_present): Built with no-legacy; the code is absent.; ' +
        'VEX vex-0.json statements[0]'
    );
  });

  it('suppresses on fixed, with the status as the reason', () => {
    expect(verdict([vexJson([statement({ status: 'fixed', justification: undefined })])])).toBe(
      'fixed; VEX vex-0.json statements[0]'
    );
  });

  it('keeps the finding on affected and under_investigation', () => {
    expect(verdict([vexJson([statement({ status: 'affected' })])])).toBe('affected');
    expect(verdict([vexJson([statement({ status: 'under_investigation' })])])).toBe(
      'under_investigation'
    );
  });

  it('matches by the finding aliases and the statement aliases', () => {
    expect(verdict([vexJson([statement({ vulnerability: { name: 'DSA-5585-1' } })])])).toMatch(
      /^not_affected/
    );
    expect(
      verdict([
        vexJson([statement({ vulnerability: { name: 'GHSA-xxxx', aliases: ['cve-2023-5678'] } })]),
      ])
    ).toMatch(/^not_affected/);
    expect(
      verdict([vexJson([statement({ vulnerability: { name: 'CVE-2023-0000' } })])])
    ).toBeUndefined();
  });

  it('matches string products and legacy string vulnerabilities', () => {
    expect(
      verdict([
        vexJson([
          statement({ vulnerability: 'CVE-2023-5678', products: ['pkg:deb/debian/openssl'] }),
        ]),
      ])
    ).toMatch(/^not_affected/);
  });

  it('matches a subcomponent of an image product, and legacy statement subcomponents', () => {
    const image = 'pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/example/app';
    expect(
      verdict([
        vexJson([statement({ products: [{ '@id': image, subcomponents: [{ '@id': openssl }] }] })]),
      ])
    ).toMatch(/^not_affected/);
    expect(
      verdict([
        vexJson([statement({ products: [image], subcomponents: ['pkg:deb/debian/openssl'] })]),
      ])
    ).toMatch(/^not_affected/);
    expect(
      verdict([
        vexJson([
          statement({
            products: [{ '@id': image, subcomponents: [{ '@id': 'pkg:deb/debian/libssl3' }] }],
          }),
        ]),
      ])
    ).toBeUndefined();
  });

  it('matches a versioned purl only for that version', () => {
    const versioned = vexJson([
      statement({ products: ['pkg:deb/debian/openssl@3.0.11-1~deb12u2'] }),
    ]);
    expect(verdict([versioned])).toMatch(/^not_affected/);
    expect(
      verdict(
        [versioned],
        findingIn('pkg:deb/debian/openssl@3.0.13-1~deb12u1?arch=amd64&distro=debian-12')
      )
    ).toBeUndefined();
  });

  it('matches qualifiers only when the VEX purl states them', () => {
    expect(
      verdict([vexJson([statement({ products: ['pkg:deb/debian/openssl?arch=arm64'] })])])
    ).toBeUndefined();
    expect(
      verdict([vexJson([statement({ products: ['pkg:deb/debian/openssl?arch=amd64'] })])])
    ).toMatch(/^not_affected/);
  });

  it('lets the latest statement by timestamp decide, in any order given', () => {
    const clearedThenAffected = vexJson([
      statement({ status: 'affected', timestamp: '2024-06-02T00:00:00Z' }),
      statement({ timestamp: '2024-06-01T00:00:00Z' }),
    ]);
    expect(verdict([clearedThenAffected])).toBe('affected');
    const affectedThenCleared = vexJson([
      statement({ timestamp: '2024-06-02T00:00:00Z' }),
      statement({ status: 'under_investigation', timestamp: '2024-06-01T00:00:00Z' }),
    ]);
    expect(verdict([affectedThenCleared])).toMatch(/^not_affected.*statements\[0\]$/);
  });

  it('lets statements inherit the document timestamp, across documents', () => {
    const older = vexJson([statement({})], { timestamp: '2024-01-01T00:00:00Z' });
    const newer = vexJson([statement({ status: 'affected' })], {
      timestamp: '2024-02-01T00:00:00Z',
    });
    expect(verdict([newer, older])).toBe('affected');
    expect(verdict([older, newer])).toBe('affected');
  });

  it('breaks a timestamp tie by order: the later statement wins', () => {
    const tie = vexJson([statement({ status: 'affected' }), statement({})]);
    expect(verdict([tie])).toMatch(/statements\[1\]$/);
  });

  it('ignores statements about other packages when choosing the latest', () => {
    expect(
      verdict([
        vexJson([
          statement({ timestamp: '2024-06-01T00:00:00Z' }),
          statement({
            status: 'affected',
            products: ['pkg:deb/debian/curl'],
            timestamp: '2024-07-01T00:00:00Z',
          }),
        ]),
      ])
    ).toMatch(/^not_affected/);
  });

  it('never matches a finding whose purl cannot be read', () => {
    expect(verdict([vexJson([statement({})])], findingIn('not a purl'))).toBeUndefined();
  });
});
