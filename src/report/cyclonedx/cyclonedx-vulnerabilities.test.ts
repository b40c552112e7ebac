import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import type { Inventory, SuppressedFinding, VulnerabilityReport } from '../../core/inventory.js';
import {
  sampleInventory,
  sampleInventoryWithVulnerabilities,
  samplePackage,
  sampleVulnerabilities,
} from '../testing/sample-inventory.js';
import { cyclonedxFormat } from './cyclonedx-format.js';

interface CdxVulnerability {
  'bom-ref': string;
  id: string;
  source?: { name?: string; url?: string };
  references?: { id: string; source: { name?: string; url?: string } }[];
  ratings: { source?: { name?: string }; severity: string; score?: number; method?: string }[];
  description?: string;
  advisories?: { url: string }[];
  analysis?: { state?: string; justification?: string; detail?: string };
  affects: { ref: string; versions: { version: string; status: string }[] }[];
  properties?: { name: string; value: string }[];
}
interface CdxBom {
  metadata: { properties?: { name: string; value: string }[] };
  components: {
    name: string;
    'bom-ref': string;
    version: string;
    properties?: { name: string; value: string }[];
  }[];
  vulnerabilities?: CdxVulnerability[];
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

function render(inventory: Inventory): string {
  return cyclonedxFormat.render(inventory, { color: false });
}

function withReport(report: Partial<VulnerabilityReport>): Inventory {
  return { ...sampleInventory(), vulnerabilities: { ...sampleVulnerabilities(), ...report } };
}

function entries(inventory: Inventory): CdxVulnerability[] {
  return (JSON.parse(render(inventory)) as CdxBom).vulnerabilities ?? [];
}

function entry(inventory: Inventory, id: string): CdxVulnerability {
  const found = entries(inventory).find((candidate) => candidate.id === id);
  if (!found) {
    throw new Error(`no vulnerability ${id}`);
  }
  return found;
}

/** The sample's suppressed finding, set aside by `by` for `reason`. */
function suppressedBy(by: SuppressedFinding['by'], reason: string): Inventory {
  const [sample] = sampleVulnerabilities().suppressed;
  return withReport({ suppressed: [{ ...sample!, by, reason }] });
}

describe('cyclonedx format: vulnerabilities', () => {
  const inventory = sampleInventoryWithVulnerabilities();
  const text = render(inventory);
  const bom = JSON.parse(text) as CdxBom;

  it('is valid CycloneDX 1.6 by the library’s strict JSON schema', async () => {
    expect(await validator.validate(text)).toBeNull();
  });

  it('has no vulnerabilities array when the scan matched no advisories', () => {
    expect('vulnerabilities' in (JSON.parse(render(sampleInventory())) as CdxBom)).toBe(false);
  });

  it('has one entry per finding, worst first, then the suppressed ones', () => {
    expect(bom.vulnerabilities?.map((item) => item.id)).toEqual([
      'CVE-2023-45853',
      'CVE-2024-2961',
      'CVE-2024-33599',
      'CVE-2024-5535',
      'CVE-2023-42366',
      'CVE-2010-4756',
    ]);
  });

  it('says who named it, how bad, what it is, where to read, what it affects', () => {
    const libc = samplePackage('libc6');
    expect(entry(inventory, 'CVE-2024-2961')).toEqual({
      'bom-ref': `palisade:vulnerability:CVE-2024-2961:${libc.purl}`,
      id: 'CVE-2024-2961',
      source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-2961' },
      references: [
        {
          id: 'DSA-5673-1',
          source: {
            name: 'Debian',
            url: 'https://security-tracker.debian.org/tracker/DSA-5673-1',
          },
        },
      ],
      ratings: [{ source: { name: 'debian' }, severity: 'high' }],
      description: 'glibc: out-of-bounds write in iconv ISO-2022-CN-EXT',
      advisories: [
        { url: 'https://security-tracker.debian.org/tracker/CVE-2024-2961' },
        { url: 'https://www.openwall.com/lists/oss-security/2024/04/17/9' },
      ],
      affects: [{ ref: libc.purl, versions: [{ version: '2.36-9+deb12u7', status: 'affected' }] }],
      properties: [
        { name: 'palisade:finding:status', value: 'fixed' },
        { name: 'palisade:finding:installed-version', value: '2.36-9+deb12u7' },
        { name: 'palisade:finding:fixed-version', value: '2.36-9+deb12u9' },
      ],
    });
  });

  it('points affects at the package’s component, with the component’s version', () => {
    for (const item of bom.vulnerabilities ?? []) {
      const [affect] = item.affects;
      const component = bom.components.find((candidate) => candidate['bom-ref'] === affect?.ref);
      expect(component, item.id).toBeDefined();
      expect(affect?.versions[0]?.version).toBe(component?.version);
    }
    // rpm: the component's version carries the epoch, the package record keeps it apart.
    expect(entry(inventory, 'CVE-2024-5535').affects[0]?.versions[0]?.version).toBe(
      '1:3.0.7-27.el9'
    );
  });

  it('rates by severity, adds the CVSS score where there is one, negligible as info, unrated with no source', () => {
    for (const item of bom.vulnerabilities ?? []) {
      expect(item.ratings[0]?.score).toBeUndefined();
      expect(item.ratings[0]?.method).toBeUndefined();
    }
    expect(entry(inventory, 'CVE-2023-45853').ratings).toEqual([
      { source: { name: 'debian' }, severity: 'critical' },
      { score: 9.8, method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    ]);
    expect(entry(inventory, 'CVE-2010-4756').ratings).toEqual([
      { source: { name: 'debian' }, severity: 'info' },
    ]);
    const busybox = entry(inventory, 'CVE-2023-42366');
    expect(busybox.ratings).toEqual([{ severity: 'unknown' }]);
    expect(busybox.description).toBeUndefined();
    expect(busybox.advisories).toBeUndefined();
  });

  it('has no fixed-version property for a finding with no fix, and says its status', () => {
    expect(entry(inventory, 'CVE-2023-45853').properties).toEqual([
      { name: 'palisade:finding:status', value: 'will-not-fix' },
      { name: 'palisade:finding:installed-version', value: '1:1.2.13.dfsg-1' },
    ]);
  });

  it('says when the known-exploited catalog listed a finding, and whether ransomware uses it', async () => {
    const [first, ...rest] = sampleVulnerabilities().findings;
    const exploited = withReport({
      findings: [
        { ...first!, knownExploited: { dateAdded: '2023-10-10', ransomware: false } },
        ...rest,
      ],
    });
    const text = render(exploited);

    expect(await validator.validate(text)).toBeNull();
    expect(entry(exploited, first!.id).properties).toEqual(
      expect.arrayContaining([
        { name: 'palisade:finding:known-exploited-since', value: '2023-10-10' },
        { name: 'palisade:finding:known-ransomware-use', value: 'false' },
      ])
    );
    expect(JSON.stringify(entry(inventory, first!.id).properties)).not.toContain('known-');
  });

  it('keeps a suppressed finding, with the reason as its analysis and who set it aside', () => {
    const ignored = entry(inventory, 'CVE-2010-4756');
    // A plain-words ignore entry claims nothing about the package: still affected.
    expect(ignored.analysis).toEqual({
      detail: 'no service in this image calls glob() on user input',
    });
    expect(ignored.affects[0]?.versions[0]?.status).toBe('affected');
    expect(ignored.properties).toContainEqual({
      name: 'palisade:finding:suppressed-by',
      value: 'ignore-file',
    });
  });

  it('maps VEX and ignore-file justifications to CycloneDX analysis states', async () => {
    const cases: [SuppressedFinding['by'], string, CdxVulnerability['analysis'], string][] = [
      [
        'vex',
        'vulnerable_code_not_present',
        {
          state: 'not_affected',
          justification: 'code_not_present',
          detail: 'vulnerable_code_not_present',
        },
        'unaffected',
      ],
      [
        'vex',
        'vulnerable_code_not_in_execute_path: glob() is never called',
        {
          state: 'not_affected',
          justification: 'code_not_reachable',
          detail: 'vulnerable_code_not_in_execute_path: glob() is never called',
        },
        'unaffected',
      ],
      [
        'vex',
        'vulnerable_code_cannot_be_controlled_by_adversary',
        { state: 'not_affected', detail: 'vulnerable_code_cannot_be_controlled_by_adversary' },
        'unaffected',
      ],
      [
        'ignore-file',
        'protected_by_mitigating_control (seccomp profile)',
        {
          state: 'not_affected',
          justification: 'protected_by_mitigating_control',
          detail: 'protected_by_mitigating_control (seccomp profile)',
        },
        'unaffected',
      ],
      [
        'ignore-file',
        'false_positive: the matcher mistook the source package',
        {
          state: 'false_positive',
          detail: 'false_positive: the matcher mistook the source package',
        },
        'unaffected',
      ],
      ['ignore-unfixed', 'no fixed version yet', { detail: 'no fixed version yet' }, 'affected'],
      [
        'severity',
        'below the severity threshold high',
        { detail: 'below the severity threshold high' },
        'affected',
      ],
    ];
    for (const [by, reason, analysis, status] of cases) {
      const output = render(suppressedBy(by, reason));
      const item = entries(suppressedBy(by, reason)).find(
        (candidate) => candidate.id === 'CVE-2010-4756'
      );
      expect(item?.analysis, `${by}: ${reason}`).toEqual(analysis);
      expect(item?.affects[0]?.versions[0]?.status, `${by}: ${reason}`).toBe(status);
      expect(await validator.validate(output)).toBeNull();
    }
  });

  it('marks each package that could not be judged, and dates the database', () => {
    const bsdutils = bom.components.find((item) => item.name === 'bsdutils');
    expect(bsdutils?.properties?.at(-1)).toEqual({
      name: 'palisade:vulnerability:unknown',
      value: 'the dpkg scheme could not read its source version',
    });
    expect(bom.metadata.properties).toEqual([
      { name: 'palisade:database:built-at', value: '2024-04-30T06:00:00.000Z' },
      { name: 'palisade:database:source', value: 'alpine-secdb' },
      { name: 'palisade:database:source', value: 'debian-tracker' },
      { name: 'palisade:database:source', value: 'osv' },
    ]);
  });

  it('stays valid and reproducible with odd advisory data, and states each pair once', async () => {
    const [first] = sampleVulnerabilities().findings;
    const odd: Finding = {
      ...first!,
      id: 'ALPINE-weird id',
      aliases: ['XYZ-1', 'GHSA-jfh8-c2jp-5v3q'],
      references: ['not a url', 'https://example.com/a|b', 'https://example.com/ok'],
    };
    const twin: Finding = { ...odd, package: { ...odd.package, location: 'elsewhere' } };
    const oddInventory = withReport({ findings: [odd, twin] });
    const output = render(oddInventory);
    expect(await validator.validate(output)).toBeNull();
    expect(render(oddInventory)).toBe(output);
    const items = entries(oddInventory);
    expect(items.filter((item) => item.id === 'ALPINE-weird id')).toHaveLength(1);
    const weird = items[0]!;
    expect(weird.source).toBeUndefined();
    expect(weird.advisories).toEqual([{ url: 'https://example.com/ok' }]);
    expect(weird.references).toEqual([
      { id: 'XYZ-1', source: {} },
      {
        id: 'GHSA-jfh8-c2jp-5v3q',
        source: { name: 'GitHub', url: 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q' },
      },
    ]);
  });

  it('is valid for a report with nothing in it', async () => {
    const output = render(withReport({ findings: [], suppressed: [], unknowns: [] }));
    expect(await validator.validate(output)).toBeNull();
    expect('vulnerabilities' in (JSON.parse(output) as CdxBom)).toBe(false);
  });
});
