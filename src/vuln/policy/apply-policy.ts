import type { Finding, Severity } from '../../core/finding.js';
import type { SuppressedFinding } from '../../core/inventory.js';
import { expiredWarnings, matchIgnoreEntry } from './ignore-match.js';
import { parsePurl, type PurlParts } from './purl-pattern.js';
import { meetsSeverity } from './severity-rank.js';
import type { IgnoreList, VexDocument } from './types.js';
import { decidingStatement, indexVex, vexReason, vexSuppresses } from './vex-match.js';

export interface Policy {
  /** Findings below this are set aside; an unknown severity passes only when this is unset or `unknown`. */
  minSeverity?: Severity;
  /** Set aside findings with no fixed version. */
  ignoreUnfixed?: boolean;
  ignore?: IgnoreList;
  vex?: readonly VexDocument[];
  /** The clock, injected so expiry is testable and one scan judges every entry at one instant. */
  now: Date;
}

export interface PolicyResult {
  /** The findings kept, in the order given. */
  findings: Finding[];
  /** The findings set aside, in the order given, each by the first rule that matched. */
  suppressed: SuppressedFinding[];
  /** One warning per expired ignore entry, for the CLI to print. */
  expired: string[];
}

type Verdict = Pick<SuppressedFinding, 'by' | 'reason'>;
type Rule = (finding: Finding, purl: PurlParts | undefined) => Verdict | undefined;

/**
 * Decides which findings the user sees. The rules are tried in this order and the first that
 * sets a finding aside is the one recorded:
 *
 * 1. `vex`: a statement from the software's author is the most specific evidence there is.
 * 2. `ignore-file`: a person accepted this finding, with a reason.
 * 3. `ignore-unfixed`: a blanket flag, about the finding's fix only.
 * 4. `severity`: the bluntest filter, so it explains a suppression only when nothing else does.
 *
 * The order matters only for the reason shown: a finding set aside by any rule stays set aside.
 */
export function applyPolicy(findings: readonly Finding[], policy: Policy): PolicyResult {
  const now = policy.now.getTime();
  const rules: Rule[] = [];
  if (policy.vex !== undefined && policy.vex.length > 0) {
    rules.push(vexRule(policy.vex));
  }
  const ignore = policy.ignore;
  if (ignore !== undefined) {
    rules.push((finding, purl) => {
      const entry = matchIgnoreEntry(finding, purl, ignore.entries, now);
      return entry && { by: 'ignore-file', reason: entry.reason };
    });
  }
  if (policy.ignoreUnfixed === true) {
    rules.push(unfixedRule);
  }
  const minSeverity = policy.minSeverity;
  if (minSeverity !== undefined) {
    rules.push((finding) => severityRule(finding, minSeverity));
  }

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const purl = parsePurl(finding.package.purl);
    const verdict = firstVerdict(rules, finding, purl);
    if (verdict) {
      suppressed.push({ finding, ...verdict });
    } else {
      kept.push(finding);
    }
  }
  return { findings: kept, suppressed, expired: ignore ? expiredWarnings(ignore, now) : [] };
}

function firstVerdict(
  rules: readonly Rule[],
  finding: Finding,
  purl: PurlParts | undefined
): Verdict | undefined {
  for (const rule of rules) {
    const verdict = rule(finding, purl);
    if (verdict) {
      return verdict;
    }
  }
  return undefined;
}

function vexRule(documents: readonly VexDocument[]): Rule {
  const index = indexVex(documents);
  return (finding, purl) => {
    const deciding = decidingStatement(index, finding, purl);
    return deciding && vexSuppresses(deciding.statement)
      ? { by: 'vex', reason: vexReason(deciding) }
      : undefined;
  };
}

/** A fix exists when the advisories name a fixed version; the status then says nothing more. */
function unfixedRule(finding: Finding): Verdict | undefined {
  return finding.fixedVersion === undefined || finding.fixedVersion === ''
    ? { by: 'ignore-unfixed', reason: `no fix available (status ${finding.status})` }
    : undefined;
}

function severityRule(finding: Finding, minSeverity: Severity): Verdict | undefined {
  return !meetsSeverity(finding.severity, minSeverity)
    ? {
        by: 'severity',
        reason: `severity ${finding.severity} is below the minimum, ${minSeverity}`,
      }
    : undefined;
}
