import type { AssessedResult, Assessment } from '../../assessment.js';
import type { AssessmentFormat } from '../../format/types.js';

function escape(text: string): string {
  return (
    text
      // XML 1.0 cannot carry these control characters at all, escaped or not.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function caseName(result: AssessedResult): string {
  const { kind, namespace, name } = result.resource;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * JUnit XML, as CI systems show test reports: one suite per check, one case per resource. A
 * failure is a failed case; manual and exempted results are skipped cases with the reason.
 */
function render(assessment: Assessment): string {
  const byCheck = new Map<string, AssessedResult[]>();
  for (const result of assessment.results) {
    byCheck.set(result.check, [...(byCheck.get(result.check) ?? []), result]);
  }
  const suites = [...byCheck.values()].map((results) => {
    const first = results[0];
    const failures = results.filter((result) => result.status === 'fail').length;
    const skipped = results.filter(
      (result) => result.status === 'manual' || result.status === 'exempted'
    ).length;
    const cases = results.map((result) => {
      const open = `    <testcase classname="${escape(result.check)}" name="${escape(caseName(result))}">`;
      if (result.status === 'fail') {
        return `${open}\n      <failure message="${escape(result.reason)}" type="${escape(result.severity)}">${escape(first?.remediation ?? '')}</failure>\n    </testcase>`;
      }
      if (result.status !== 'pass') {
        const why = result.exemption
          ? `exempted: ${result.exemption.reason}`
          : `manual: ${result.reason}`;
        return `${open}\n      <skipped message="${escape(why)}"/>\n    </testcase>`;
      }
      return `${open}</testcase>`;
    });
    return `  <testsuite name="${escape(first?.check ?? '')}: ${escape(first?.title ?? '')}" tests="${results.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const total = assessment.results.length;
  const failed = assessment.results.filter((result) => result.status === 'fail').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="palisade assess: ${escape(assessment.source)}" tests="${total}" failures="${failed}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export const format: AssessmentFormat = {
  id: 'junit',
  description: 'JUnit XML for CI: a suite per check, a case per resource',
  render,
};
