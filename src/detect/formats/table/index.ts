import type { Alert, AlertSeverity } from '../../../core/alert.js';
import type { DetectionFormat, FormatContext } from '../../format/types.js';
import type { DetectionReport } from '../../report.js';

const colours: Record<AlertSeverity, number> = {
  critical: 35,
  high: 31,
  medium: 33,
  low: 36,
  informational: 90,
};

function paint(context: FormatContext, severity: AlertSeverity, text: string): string {
  return context.color ? `\u001b[${colours[severity]}m${text}\u001b[0m` : text;
}

function objectText(alert: Alert): string {
  const object = alert.object;
  if (object === undefined) {
    return '-';
  }
  const resource = object.subresource
    ? `${object.resource}/${object.subresource}`
    : object.resource;
  if (object.name === undefined) {
    return object.namespace ? `${resource} in ${object.namespace}` : resource;
  }
  return `${resource} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

function equivalents(alert: Alert): string {
  const names = [
    alert.equivalents.defender,
    // A rule with one GuardDuty type per API category names the one that applies.
    alert.evidence.fields['guarddutyFinding'] ?? alert.equivalents.guardduty?.[0],
    alert.equivalents.falco !== undefined ? `Falco "${alert.equivalents.falco}"` : undefined,
  ].filter((name): name is string => name !== undefined);
  return names.join(', ');
}

/**
 * For a person at a terminal: a summary of what was read, then each alert, worst first, with
 * who, what, where from, how often and its mappings; then what could not be read.
 */
function render(report: DetectionReport, context: FormatContext): string {
  const { stats } = report;
  const skipped = Object.entries(stats.skipped)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  const problems = Object.entries(stats.problems)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  const lines = [
    `Sources     ${report.sources.join(', ')}`,
    `Events      ${stats.received} read, ${stats.judged} requests judged${skipped ? `; skipped: ${skipped}` : ''}`,
  ];
  if (problems) {
    lines.push(`Problems    ${problems}`);
  }
  const suppressed = stats.suppressed.reduce((sum, entry) => sum + entry.count, 0);
  lines.push(
    `Alerts      ${report.alerts.length}${suppressed > 0 ? ` (${suppressed} match(es) suppressed by exceptions)` : ''}`
  );
  for (const alert of report.alerts) {
    const count = alert.count > 1 ? ` ×${alert.count}` : '';
    lines.push(
      '',
      `${paint(context, alert.severity, alert.severity.toUpperCase())}  ${alert.title} [${alert.rule}]${count}`,
      `  ${alert.message}`,
      `  who      ${alert.identity.username}${alert.identity.arn && alert.identity.arn !== alert.identity.username ? ` (${alert.identity.arn})` : ''}${alert.identity.impersonatedBy ? `, impersonated by ${alert.identity.impersonatedBy}` : ''}`,
      `  object   ${objectText(alert)}   cluster ${alert.cluster}`,
      `  from     ${alert.sourceIPs.join(', ') || '-'}${alert.userAgent ? `   agent ${alert.userAgent.slice(0, 80)}` : ''}`,
      `  when     ${alert.firstSeen}${alert.count > 1 ? ` to ${alert.lastSeen}` : ''}`,
      `  MITRE    ${alert.mitre.join(', ') || '-'}${equivalents(alert) ? `   same as ${equivalents(alert)}` : ''}`
    );
  }
  if (report.problems.length > 0) {
    lines.push('', 'NOT READ');
    for (const problem of report.problems) {
      lines.push(`  ${problem.origin}: ${problem.reason}: ${problem.detail}`);
    }
  }
  if (stats.suppressed.length > 0) {
    lines.push('', 'SUPPRESSED');
    for (const entry of stats.suppressed) {
      lines.push(`  ${entry.count} by ${entry.origin}: ${entry.reason}`);
    }
  }
  if (report.notes.length > 0) {
    lines.push('', 'NOTES');
    for (const note of report.notes) {
      lines.push(`  ${note}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const format: DetectionFormat = {
  id: 'table',
  description:
    'for a terminal: a summary, then each alert with who, what, where from and how often',
  render,
};
