import type { AssessedResult, Assessment } from '../../assessment.js';
import type { AssessmentFormat, FormatContext } from '../../format/types.js';

const colours = { red: 31, yellow: 33, green: 32, grey: 90, bold: 1 } as const;

function paint(context: FormatContext, colour: keyof typeof colours, text: string): string {
  return context.color ? `\u001b[${colours[colour]}m${text}\u001b[0m` : text;
}

function resourceName(result: AssessedResult): string {
  const { kind, namespace, name, origin } = result.resource;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}${origin ? ` (${origin})` : ''}`;
}

/**
 * For a person at a terminal: each framework's score, then every check that failed, grouped
 * with its controls, listing each failing resource and why; then what needs a person (manual),
 * what was exempted and why, and the notes. Passing checks are counted, not listed.
 */
function render(assessment: Assessment, context: FormatContext): string {
  const lines: string[] = [`Source      ${assessment.source}`];
  for (const framework of assessment.frameworks) {
    // A node assessment has nothing to say about Pod Security: frameworks nothing judged are left out.
    if (
      framework.controls.every(
        (control) => control.passed + control.failed + control.manual + control.exempted === 0
      )
    ) {
      continue;
    }
    const score = framework.score === undefined ? 'n/a' : `${framework.score}%`;
    const failing = framework.controls.filter((control) => control.failed > 0).length;
    lines.push(
      `${framework.framework.padEnd(16)}${paint(context, 'bold', score.padStart(6))}  ${framework.controls.length} controls, ${failing} failing`
    );
  }
  const byCheck = new Map<string, AssessedResult[]>();
  for (const result of assessment.results) {
    byCheck.set(result.check, [...(byCheck.get(result.check) ?? []), result]);
  }
  const counts = { pass: 0, fail: 0, manual: 0, exempted: 0 };
  for (const result of assessment.results) {
    counts[result.status]++;
  }
  lines.push(
    `Results     ${counts.fail} failed, ${counts.pass} passed, ${counts.manual} manual, ${counts.exempted} exempted`
  );
  for (const [status, heading, colour] of [
    ['fail', 'FAILED', 'red'],
    ['manual', 'MANUAL (not counted as passed)', 'yellow'],
    ['exempted', 'EXEMPTED', 'grey'],
  ] as const) {
    const groups = [...byCheck.values()].filter((results) =>
      results.some((result) => result.status === status)
    );
    if (groups.length === 0) {
      continue;
    }
    lines.push('', paint(context, colour, heading));
    for (const results of groups) {
      const first = results[0];
      if (!first) {
        continue;
      }
      const controls = first.controls
        .map((control) => `${control.framework} ${control.id}`)
        .join(', ');
      lines.push(
        '',
        `${paint(context, 'bold', first.check)} [${first.severity}] ${first.title}`,
        `  controls: ${controls || 'none'}`
      );
      for (const result of results.filter((item) => item.status === status)) {
        lines.push(`  - ${resourceName(result)}: ${result.reason}`);
        if (result.exemption) {
          lines.push(`      exempted: ${result.exemption.reason} (${result.exemption.origin})`);
        }
      }
      if (status === 'fail') {
        lines.push(`  fix: ${first.remediation}`);
      }
    }
  }
  if (assessment.notes.length > 0) {
    lines.push('', 'Notes', ...assessment.notes.map((note) => `  - ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

export const format: AssessmentFormat = {
  id: 'table',
  description:
    'for a terminal: scores, then failing checks grouped with their controls and resources',
  render,
};
