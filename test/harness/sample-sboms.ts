import { cyclonedxFormat } from '../../src/report/cyclonedx/cyclonedx-format.js';
import { spdxFormat } from '../../src/report/spdx/spdx-format.js';
import { sampleInventory } from '../../src/report/testing/sample-inventory.js';

// The inventory the SBOMs were rendered from, for the readers' tests to compare with: they sit
// in src/sbom, which may not import src/report, and reach the sample through this harness.
export { sampleManifestDigest, samplePackages } from '../../src/report/testing/sample-inventory.js';

/**
 * The report formats' sample inventory as our own CycloneDX and SPDX outputs, parsed: what the
 * SBOM readers must read back. Rendered on every run (not stored), so a change to what the
 * formats write shows up in the readers' tests at once.
 */
export function sampleCycloneDx(): Record<string, unknown> {
  return JSON.parse(cyclonedxFormat.render(sampleInventory(), { color: false })) as Record<
    string,
    unknown
  >;
}

export function sampleSpdx(): Record<string, unknown> {
  return JSON.parse(spdxFormat.render(sampleInventory(), { color: false })) as Record<
    string,
    unknown
  >;
}
