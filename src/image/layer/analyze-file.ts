import { InputError, describeError, isPalisadeError } from '../../core/errors.js';
import type { Analyzer } from '../analyzer/types.js';
import type { FileFinding } from './types.js';

/**
 * Runs the analyzers that asked for a file. A failure names the analyzer, the file and
 * where it came from, and ends the scan: an inventory with a silent hole is worse than none.
 */
export async function analyzeFile(
  wanted: readonly Analyzer[],
  path: string,
  content: Buffer,
  where: string
): Promise<FileFinding[]> {
  const findings: FileFinding[] = [];
  for (const analyzer of wanted) {
    try {
      findings.push({ analyzer: analyzer.id, result: await analyzer.analyze({ path, content }) });
    } catch (error) {
      const reason = describeError(error);
      const prefix = reason.startsWith(path) ? where : `${where}: ${path}`;
      throw new InputError(
        `${prefix}: ${isPalisadeError(error) ? reason : `${analyzer.id} analyzer failed: ${reason}`}`,
        { cause: error }
      );
    }
  }
  return findings;
}

export function selectAnalyzers(analyzers: readonly Analyzer[], path: string): Analyzer[] {
  return analyzers.filter((analyzer) => analyzer.wants(path));
}

/** The largest file any of these analyzers reads. */
export function maxFileSize(wanted: readonly Analyzer[]): number {
  return Math.max(...wanted.map((analyzer) => analyzer.maxFileSize));
}
