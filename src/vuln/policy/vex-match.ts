import { findingNames, nameKey } from './names.js';
import { purlMatches, type PurlParts } from './purl-pattern.js';
import type { VexDocument, VexStatement } from './types.js';

/** A statement with the document it came from and its place among all statements given. */
export interface VexCandidate {
  document: VexDocument;
  statement: VexStatement;
  order: number;
}

/** Statements by vulnerability name, so a scan's findings are not each tried against all. */
export type VexIndex = ReadonlyMap<string, readonly VexCandidate[]>;

export function indexVex(documents: readonly VexDocument[]): VexIndex {
  const index = new Map<string, VexCandidate[]>();
  let order = 0;
  for (const document of documents) {
    for (const statement of document.statements) {
      const candidate = { document, statement, order: order++ };
      for (const name of new Set(statement.names.map(nameKey))) {
        const list = index.get(name) ?? [];
        list.push(candidate);
        index.set(name, list);
      }
    }
  }
  return index;
}

/**
 * The statement that has the last word on a finding: among those naming one of its ids and
 * one of whose product or subcomponent purls selects its package, the latest by timestamp;
 * on equal timestamps the one given last (later document, later in the document). VEX is a
 * sequence in which each statement overrides the ones before it, so an `affected` statement
 * after a `not_affected` one brings the finding back.
 */
export function decidingStatement(
  index: VexIndex,
  finding: { id: string; aliases: string[] },
  purl: PurlParts | undefined
): VexCandidate | undefined {
  if (purl === undefined) {
    return undefined;
  }
  let latest: VexCandidate | undefined;
  for (const name of findingNames(finding)) {
    for (const candidate of index.get(name) ?? []) {
      if (
        candidate.statement.purls.some((pattern) => purlMatches(pattern, purl)) &&
        (latest === undefined || isLater(candidate, latest))
      ) {
        latest = candidate;
      }
    }
  }
  return latest;
}

function isLater(a: VexCandidate, b: VexCandidate): boolean {
  return a.statement.timestamp !== b.statement.timestamp
    ? a.statement.timestamp > b.statement.timestamp
    : a.order > b.order;
}

/** Only these statuses set a finding aside; `affected` and `under_investigation` keep it. */
export function vexSuppresses(statement: VexStatement): boolean {
  return statement.status === 'not_affected' || statement.status === 'fixed';
}

/** `not_affected (vulnerable_code_not_present): patched out; VEX vex.json statements[2]` */
export function vexReason({ document, statement }: VexCandidate): string {
  const label = statement.justification ? ` (${statement.justification})` : '';
  const impact = statement.impactStatement ? `: ${statement.impactStatement}` : '';
  return `${statement.status}${label}${impact}; VEX ${document.source} statements[${statement.index}]`;
}
