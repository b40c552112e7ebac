import type { Inventory, VulnerabilityReport } from '../../core/inventory.js';
import type { ReportFormat } from '../types.js';
import type { SarifInvocation, SarifLog, SarifRun } from './sarif-log.js';
import { sarifResult } from './sarif-results.js';
import { sarifRules } from './sarif-rules.js';

const schemaUri =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

// Palisade has no public home yet; like the SPDX namespaces, this uses the reserved `.invalid`
// name (RFC 2606) rather than borrow one. Replace it when the project has a page.
const informationUri = 'https://palisade.invalid/';

export const sarifFormat: ReportFormat = {
  id: 'sarif',
  description: 'SARIF 2.1.0 vulnerability results, for GitHub code scanning',
  render(inventory) {
    const log: SarifLog = { $schema: schemaUri, version: '2.1.0', runs: [sarifRun(inventory)] };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

/**
 * One run for the one image. Without a vulnerability report the run is still a valid log, with
 * no rules and no results, and a warning that says no advisories were matched: an empty log
 * alone would read as a clean image.
 */
function sarifRun(inventory: Inventory): SarifRun {
  const report = inventory.vulnerabilities;
  const items = [
    ...(report?.findings ?? []).map((finding) => ({ finding, suppressed: undefined })),
    ...(report?.suppressed ?? []).map((suppressed) => ({
      finding: suppressed.finding,
      suppressed,
    })),
  ];
  const { rules, indexOf } = sarifRules(items.map((item) => item.finding));
  const invocations = report ? unknownsInvocation(report) : notMatchedInvocation;
  return {
    tool: {
      driver: { name: 'palisade', informationUri, version: inventory.tool.version, rules },
    },
    results: items.map(({ finding, suppressed }) =>
      sarifResult(finding, indexOf.get(finding.id) ?? 0, suppressed)
    ),
    ...(invocations ? { invocations: [invocations] } : {}),
    properties: runProperties(inventory),
  };
}

const notMatchedInvocation: SarifInvocation = {
  executionSuccessful: true,
  toolExecutionNotifications: [
    {
      level: 'warning',
      message: { text: 'no advisory database was matched: vulnerabilities were not looked for' },
    },
  ],
};

/** Packages that could not be judged, as warnings: an unknown is not a pass, and says so. */
function unknownsInvocation(report: VulnerabilityReport): SarifInvocation | undefined {
  if (report.unknowns.length === 0) {
    return undefined;
  }
  return {
    executionSuccessful: true,
    toolExecutionNotifications: report.unknowns.map(({ purl, reason }) => ({
      level: 'warning',
      message: { text: `${purl} could not be judged: ${reason}` },
    })),
  };
}

/** What was scanned and against what, for a reader of the log; GitHub ignores it. */
function runProperties(inventory: Inventory): Record<string, unknown> {
  const { artifact, vulnerabilities } = inventory;
  return {
    image: artifact.name,
    ...(artifact.manifestDigest ? { manifestDigest: artifact.manifestDigest } : {}),
    ...(vulnerabilities
      ? {
          database: {
            builtAt: vulnerabilities.database.builtAt,
            sources: [...vulnerabilities.database.sources],
          },
          suppressed: vulnerabilities.suppressed.length,
          unknowns: vulnerabilities.unknowns.length,
        }
      : {}),
  };
}
