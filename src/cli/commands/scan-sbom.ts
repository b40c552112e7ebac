import type { Command } from 'commander';
import { formatIds, getFormat } from '../../report/index.js';
import { readSbomFile } from '../../sbom/index.js';
import { writeReport } from '../output.js';
import type { CliContext } from './scan-image.js';
import {
  addVulnerabilityOptions,
  assessForCli,
  prepareAssessment,
  type VulnerabilityFlags,
} from './vulnerability-options.js';

interface ScanSbomFlags extends VulnerabilityFlags {
  format: string;
  output?: string;
}

/**
 * Matches a stored SBOM again, without the image: how stored images are reassessed when the
 * advisory database changes. Flags, policy and exit codes are those of `scan image`.
 */
async function run(file: string, flags: ScanSbomFlags, context: CliContext): Promise<number> {
  const format = await getFormat(flags.format);
  const assessment = await prepareAssessment(flags, context, new Date());
  try {
    const inventory = await readSbomFile(file);
    const exitCode = assessForCli(inventory, assessment, context);
    const color =
      flags.output === undefined && context.stdout.isTTY && !('NO_COLOR' in context.env);
    const rendered = format.render(inventory, {
      color,
      ...(flags.showSuppressed ? { showSuppressed: true } : {}),
    });
    await writeReport(flags.output, rendered, context.stdout);
    return exitCode;
  } finally {
    assessment.close();
  }
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
