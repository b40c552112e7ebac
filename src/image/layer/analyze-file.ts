import { InputError, describeError, isPalisadeError } from '../../core/errors.js';
import type { Analyzer } from '../analyzer/types.js';
import type { FileFinding } from './types.js';

/**
 * Runs the analyzers that asked for a file. A failure names the analyzer, the file and where
 * it came from. For an OS package database it ends the scan (an inventory with a silent hole
 * is worse than none); for a language manifest it becomes that file's note and the walk goes on.
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
      const what = isPalisadeError(error) ? reason : `${analyzer.id} analyzer failed: ${reason}`;
      if (analyzer.onUnreadable === 'note') {
        // The merge prefixes notes with their path; the layer says where the file came from.
        const inPath = what.startsWith(path) ? what.slice(path.length).replace(/^:\s*/, '') : what;
        findings.push({ analyzer: analyzer.id, result: { notes: [`${inPath} (${where})`] } });
        continue;
      }
      const prefix = reason.startsWith(path) ? where : `${where}: ${path}`;
      throw new InputError(`${prefix}: ${what}`, { cause: error });
    }
  }
  return findings;
}

export function selectAnalyzers(analyzers: readonly Analyzer[], path: string): Analyzer[] {
  return analyzers.filter((analyzer) => analyzer.wants(path));
}

/** The analyzers that may want an executable their paths did not claim. */
export function sniffers(analyzers: readonly Analyzer[]): Analyzer[] {
  return analyzers.filter((analyzer) => analyzer.wantsExecutable !== undefined);
}

/** Those of `candidates` that want this executable, judged from its first bytes. */
export function selectByContent(candidates: readonly Analyzer[], head: Buffer): Analyzer[] {
  return candidates.filter((analyzer) => analyzer.wantsExecutable?.(head) === true);
}

/** Any x bit: owner, group or other. */
export function isExecutable(mode: number | undefined): boolean {
  return mode !== undefined && (mode & 0o111) !== 0;
}

/** The largest file any of these analyzers reads. */
export function maxFileSize(wanted: readonly Analyzer[]): number {
  return Math.max(...wanted.map((analyzer) => analyzer.maxFileSize));
}
