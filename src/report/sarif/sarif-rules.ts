import type { Finding } from '../../core/finding.js';
import { severityOrder } from '../../core/finding.js';
import { vulnerabilitySource } from '../shared/vulnerability-source.js';
import { webUrl } from '../shared/web-url.js';
import { markdownText } from './markdown.js';
import type { SarifRule } from './sarif-log.js';
import { sarifLevel, securitySeverity } from './security-severity.js';

/**
 * One rule per vulnerability id, in the order the ids first appear, with each id's index. A
 * rule describes the vulnerability, not a package; where packages rate it differently (two
 * distributions' feeds) the rule takes the worst rating, so GitHub never understates it.
 */
export function sarifRules(findings: readonly Finding[]): {
  rules: SarifRule[];
  indexOf: ReadonlyMap<string, number>;
} {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.id);
    if (group) {
      group.push(finding);
    } else {
      groups.set(finding.id, [finding]);
    }
  }
  const rules = [...groups.values()].map(sarifRule);
  return { rules, indexOf: new Map(rules.map((rule, index) => [rule.id, index])) };
}

function sarifRule(group: readonly Finding[]): SarifRule {
  const worst = worstRated(group);
  const { id, title, severity } = worst;
  const aliases = [...new Set(group.flatMap((finding) => finding.aliases))].sort();
  const references = [
    ...new Set(group.flatMap((finding) => finding.references.map(webUrl)).filter(isDefined)),
  ];
  const helpUri = references[0] ?? vulnerabilitySource(id)?.url;
  return {
    id,
    shortDescription: { text: title ? `${id}: ${title}` : id },
    fullDescription: { text: title ?? id },
    ...(helpUri ? { helpUri } : {}),
    help: helpText(worst, aliases, references),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      tags: ['security', 'vulnerability', severity],
      'security-severity': securitySeverity(severity),
    },
  };
}

function helpText(finding: Finding, aliases: readonly string[], references: readonly string[]) {
  const rating =
    finding.severitySource === 'none' ? 'not rated' : `rated by ${finding.severitySource}`;
  const text = [
    finding.title ? `${finding.id}: ${finding.title}` : finding.id,
    `Severity: ${finding.severity} (${rating})`,
    ...(aliases.length > 0 ? [`Also known as: ${aliases.join(', ')}`] : []),
    ...(references.length > 0 ? ['References:', ...references.map((url) => `- ${url}`)] : []),
  ];
  const markdown = [
    `**${markdownText(finding.id)}**${finding.title ? `: ${markdownText(finding.title)}` : ''}`,
    `Severity: **${finding.severity}** (${markdownText(rating)})`,
    ...(aliases.length > 0 ? [`Also known as: ${aliases.map(markdownText).join(', ')}`] : []),
    ...(references.length > 0
      ? [`References:\n\n${references.map((url) => `- <${url}>`).join('\n')}`]
      : []),
  ];
  return { text: text.join('\n'), markdown: markdown.join('\n\n') };
}

/** The first finding with the worst severity of the group (the group is never empty). */
function worstRated(group: readonly Finding[]): Finding {
  const rank = (finding: Finding) => severityOrder.indexOf(finding.severity);
  return group.reduce((worst, finding) => (rank(finding) < rank(worst) ? finding : worst));
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
