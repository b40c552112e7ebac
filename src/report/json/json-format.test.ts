import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../core/inventory.js';
import {
  sampleInventory,
  sampleInventoryWithVulnerabilities,
} from '../testing/sample-inventory.js';
import { jsonFormat } from './json-format.js';

function render(inventory: Inventory): string {
  return jsonFormat.render(inventory, { color: false });
}

describe('json format', () => {
  it('round-trips: the parsed output is the inventory', () => {
    const inventory = sampleInventory();
    expect(JSON.parse(render(inventory))).toEqual(inventory);
  });

  it('is pretty-printed with a final newline', () => {
    const text = render(sampleInventory());
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "tool": {')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes keys in the documented order whatever order they were built in', () => {
    const inventory = sampleInventory();
    const scrambled = {
      notes: inventory.notes,
      packages: inventory.packages.map((pkg) => Object.fromEntries(Object.entries(pkg).reverse())),
      os: inventory.os,
      artifact: Object.fromEntries(Object.entries(inventory.artifact).reverse()),
      createdAt: inventory.createdAt,
      tool: inventory.tool,
      schemaVersion: inventory.schemaVersion,
    } as unknown as Inventory;
    expect(render(scrambled)).toBe(render(inventory));
    const parsed = JSON.parse(render(scrambled)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'tool',
      'createdAt',
      'artifact',
      'os',
      'packages',
      'notes',
    ]);
    const firstPackage = (parsed['packages'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(firstPackage)).toEqual([
      'type',
      'name',
      'version',
      'arch',
      'source',
      'licenses',
      'purl',
      'location',
      'layer',
    ]);
  });

  it('keeps rpm epochs and dpkg versions as the inventory has them', () => {
    const parsed = JSON.parse(render(sampleInventory())) as Inventory;
    const rpm = parsed.packages.find((pkg) => pkg.type === 'rpm');
    expect(rpm).toMatchObject({ version: '3.0.7-27.el9', epoch: 1 });
    const bsdutils = parsed.packages.find((pkg) => pkg.name === 'bsdutils');
    expect(bsdutils?.version).toBe('1:2.38.1-5+deb12u1');
  });

  it('leaves out fields that are not in the model', () => {
    const inventory = sampleInventory();
    const withExtra = { ...inventory, internal: { secret: 'x' } } as Inventory;
    expect(render(withExtra)).toBe(render(inventory));
  });

  it('omits os when the scan found none', () => {
    const inventory = sampleInventory();
    delete inventory.os;
    const parsed = JSON.parse(render(inventory)) as Record<string, unknown>;
    expect('os' in parsed).toBe(false);
    expect(parsed).toEqual(inventory);
  });

  it('carries the vulnerability report whole, after the notes, keys in the documented order', () => {
    const inventory = sampleInventoryWithVulnerabilities();
    const parsed = JSON.parse(render(inventory)) as Record<string, unknown>;
    expect(parsed).toEqual(inventory);
    expect(Object.keys(parsed).at(-1)).toBe('vulnerabilities');
    const report = inventory.vulnerabilities!;
    const scrambled = {
      ...inventory,
      vulnerabilities: {
        unknowns: report.unknowns,
        suppressed: report.suppressed.map((item) =>
          Object.fromEntries(Object.entries(item).reverse())
        ),
        findings: report.findings.map((finding) =>
          Object.fromEntries(Object.entries(finding).reverse())
        ),
        database: report.database,
        internal: 'x',
      },
    } as unknown as Inventory;
    expect(render(scrambled)).toBe(render(inventory));
    const vulnerabilities = parsed['vulnerabilities'] as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(vulnerabilities)).toEqual([
      'database',
      'findings',
      'suppressed',
      'unknowns',
    ]);
    expect(Object.keys(vulnerabilities['findings']![1]!)).toEqual([
      'id',
      'aliases',
      'advisories',
      'package',
      'installedVersion',
      'fixedVersion',
      'status',
      'severity',
      'severitySource',
      'title',
      'references',
    ]);
    expect(Object.keys(vulnerabilities['suppressed']![0]!)).toEqual(['finding', 'by', 'reason']);
  });

  it('writes what the known-exploited catalog says of a finding, after its references', () => {
    const inventory = sampleInventoryWithVulnerabilities();
    const [first] = inventory.vulnerabilities!.findings;
    first!.knownExploited = { ransomware: true, dateAdded: '2021-12-10' };
    const parsed = JSON.parse(render(inventory)) as {
      vulnerabilities: { findings: Record<string, unknown>[] };
    };
    const written = parsed.vulnerabilities.findings[0]!;

    expect(Object.keys(written).slice(-2)).toEqual(['references', 'knownExploited']);
    expect(Object.keys(written['knownExploited'] as object)).toEqual(['dateAdded', 'ransomware']);
    expect(parsed.vulnerabilities.findings[1]).not.toHaveProperty('knownExploited');
  });

  it('writes no vulnerabilities key when the scan matched no advisories', () => {
    expect(render(sampleInventory())).not.toContain('"vulnerabilities"');
  });
});
