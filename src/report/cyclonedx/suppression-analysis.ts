import { Enums, Models } from '@cyclonedx/cyclonedx-library';
import type { SuppressedFinding } from '../../core/inventory.js';

const { AnalysisJustification, AnalysisState } = Enums.Vulnerability;

/**
 * Justifications as VEX documents write them, in CycloneDX's words. OpenVEX's (also CSAF's)
 * map as CISA's status-justification table maps them; `vulnerable_code_cannot_be_controlled_
 * by_adversary` has no single CycloneDX counterpart and is left to the detail text.
 */
const justifications: Record<string, Enums.Vulnerability.AnalysisJustification> = {
  component_not_present: AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_present: AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_in_execute_path: AnalysisJustification.CodeNotReachable,
  inline_mitigations_already_exist: AnalysisJustification.ProtectedByMitigatingControl,
  ...Object.fromEntries(Object.values(AnalysisJustification).map((value) => [value, value])),
};

/**
 * What a suppression says about a finding, as a CycloneDX analysis. Only a VEX statement
 * claims the package is not affected; an ignore-file entry claims so only when its reason names
 * a VEX justification or `false_positive` (snake_case words nobody writes by chance). A policy
 * filter (`--ignore-unfixed`, `--severity`) claims nothing: the package is still affected, and
 * the analysis carries only the reason. The reason is always the detail.
 */
export function suppressionAnalysis(item: SuppressedFinding): Models.Vulnerability.Analysis {
  const words = item.reason.toLowerCase().match(/[a-z_]+/g) ?? [];
  const justification = words.map((word) => justifications[word]).find(Boolean);
  return new Models.Vulnerability.Analysis({
    ...stateOf(item.by, words, justification !== undefined),
    ...(justification ? { justification } : {}),
    detail: item.reason,
  });
}

function stateOf(
  by: SuppressedFinding['by'],
  words: readonly string[],
  justified: boolean
): { state?: Enums.Vulnerability.AnalysisState } {
  if (by !== 'vex' && by !== 'ignore-file') {
    return {};
  }
  if (words.includes('false_positive')) {
    return { state: AnalysisState.FalsePositive };
  }
  return by === 'vex' || justified ? { state: AnalysisState.NotAffected } : {};
}

/** Whether the analysis says the package is not affected, for the `affects` version status. */
export function clearsPackage(analysis: Models.Vulnerability.Analysis | undefined): boolean {
  return (
    analysis?.state === AnalysisState.NotAffected || analysis?.state === AnalysisState.FalsePositive
  );
}
