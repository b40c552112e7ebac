import type { Command } from 'commander';
import { formatIds } from '../../report/index.js';
import { readSbomFile } from '../../sbom/index.js';
import type { CliContext } from './scan-image.js';
import { reportInventory } from './report-inventory.js';
import { addVulnerabilityOptions, type VulnerabilityFlags } from './vulnerability-options.js';

interface ScanSbomFlags extends VulnerabilityFlags {
  format: string;
  output?: string;
}

/**
 * Matches a stored SBOM again, without the image: how stored images are reassessed when the
 * advisory database changes. Flags, policy and exit codes are those of `scan image`.
 */
function run(file: string, flags: ScanSbomFlags, context: CliContext): Promise<number> {
  return reportInventory(() => readSbomFile(file), flags, context);
}

export function registerScanSbom(
  scan: Command,
  context: CliContext,
  setExit: (code: number) => void
): void {
  const command = scan
    .command('sbom')
    .description('match a stored SBOM (CycloneDX or SPDX JSON) again, without pulling the image')
    .argument('<file>', 'a CycloneDX 1.4–1.6 or SPDX 2.2/2.3 JSON document')
    .option('-f, --format <format>', `output format: ${formatIds().join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the report to a file (written whole, or not at all)');
  addVulnerabilityOptions(command).action(async (file: string, flags: ScanSbomFlags) => {
    setExit(await run(file, flags, context));
  });
}
