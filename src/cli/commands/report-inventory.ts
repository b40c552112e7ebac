import type { Inventory } from '../../core/inventory.js';
import { getFormat } from '../../report/index.js';
import { writeReport } from '../output.js';
import type { CliContext } from './scan-image.js';
import {
  assessForCli,
  prepareAssessment,
  type VulnerabilityFlags,
} from './vulnerability-options.js';

export interface ReportFlags extends VulnerabilityFlags {
  format: string;
  output?: string;
}

/**
 * What every scan command does around its own inventory: check the format and the policy
 * first (a typo fails before any download), then assess, render and write the report whole.
 * Returns the exit code the findings call for.
 */
export async function reportInventory(
  produce: () => Promise<Inventory>,
  flags: ReportFlags,
  context: CliContext
): Promise<number> {
  const format = await getFormat(flags.format);
  const assessment = await prepareAssessment(flags, context, new Date());
  try {
    const inventory = await produce();
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
