/**
 * The part of SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) this format
 * writes: the fields GitHub code scanning reads, and a few property bags of Palisade's own.
 */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  results: SarifResult[];
  /** Warnings: each package that could not be judged, or that no advisories were matched. */
  invocations?: SarifInvocation[];
  properties: Record<string, unknown>;
}

export interface SarifDriver {
  name: string;
  informationUri: string;
  version: string;
  rules: SarifRule[];
}

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifText {
  text: string;
  markdown?: string;
}

export interface SarifRule {
  id: string;
  shortDescription: SarifText;
  fullDescription: SarifText;
  helpUri?: string;
  help: SarifText;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'external'; justification: string }[];
  properties: Record<string, unknown>;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string };
    region: { startLine: number };
  };
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: { level: SarifLevel; message: { text: string } }[];
}
