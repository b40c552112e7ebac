import { isAbsolute, relative, sep } from 'node:path';
import type { Severity } from '../../../core/finding.js';
import type { AssessedResult, Assessment } from '../../assessment.js';
import type { AssessmentFormat } from '../../format/types.js';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  negligible: 'note',
  unknown: 'warning',
};

/** GitHub's `security-severity`, a CVSS-like number it sorts alerts by. */
const securitySeverity: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  negligible: '1.0',
  unknown: '5.0',
};

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per check, one result per failing
 * resource, located in its manifest file or at a pseudo-path for a live object.
 */
function render(assessment: Assessment): string {
  const failing = assessment.results.filter((result) => result.status === 'fail');
  const rules = new Map<string, AssessedResult>();
  for (const result of assessment.results) {
    if (!rules.has(result.check)) {
      rules.set(result.check, result);
    }
  }
  const ruleIds = [...rules.keys()];
  const log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'palisade',
            version: assessment.tool.version,
            informationUri: 'https://github.com/palisade-security/palisade',
            rules: [...rules.values()].map((rule) => ({
              id: rule.check,
              name: rule.check,
              shortDescription: { text: rule.title },
              help: {
                text: rule.remediation,
                markdown: `${rule.remediation}\n\nControls: ${rule.controls.map((control) => `${control.framework} ${control.id}`).join(', ') || 'none'}`,
              },
              defaultConfiguration: { level: levels[rule.severity] },
              properties: {
                'security-severity': securitySeverity[rule.severity],
                tags: [
                  'security',
                  'kubernetes',
                  ...rule.controls.map((control) => `${control.framework}:${control.id}`),
                ],
              },
            })),
          },
        },
        results: failing.map((result) => ({
          ruleId: result.check,
          ruleIndex: ruleIds.indexOf(result.check),
          level: levels[result.severity],
          message: { text: `${kindAndName(result)}: ${result.reason}` },
          locations: [location(result)],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function kindAndName(result: AssessedResult): string {
  const { kind, namespace, name } = result.resource;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * GitHub needs a relative file location for every result. A manifest's file, relative to the
 * working directory, is one; a live object gets a stable pseudo-path, `k8s/<namespace>/<kind>/<name>`,
 * so each alert keeps its identity across runs.
 */
function location(result: AssessedResult): Record<string, unknown> {
  const { origin, kind, namespace, name } = result.resource;
  const path =
    origin === undefined
      ? ['k8s', namespace ?? '_cluster', kind, name].join('/')
      : relativePath(origin.replace(/#\d+.*$/, ''));
  return {
    physicalLocation: {
      artifactLocation: { uri: path.split('/').map(encodeURIComponent).join('/') },
      region: { startLine: 1 },
    },
  };
}

function relativePath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
    ? inside.split(sep).join('/')
    : file.replace(/^[/\\]+/, '');
}

export const format: AssessmentFormat = {
  id: 'sarif',
  description: 'SARIF 2.1.0 for code scanning: a rule per check, a result per failing resource',
  render,
};
