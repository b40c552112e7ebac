import { InputError, describeError } from '../../core/errors.js';
import { parseInstant } from './instant.js';
import { maxVexFileBytes } from './limits.js';
import { VexEnvelopeSchema, VexStatementSchema, type RawVexStatement } from './openvex-schema.js';
import { parsePurlPattern, type PurlParts } from './purl-pattern.js';
import { readPolicyText } from './read-text.js';
import type { VexDocument, VexStatement } from './types.js';
import { describeIssues } from './zod-issues.js';

/**
 * Reads an OpenVEX document (https://github.com/openvex/spec): 0.2.0, and the 0.0.x form
 * with string vulnerabilities and products. Errors name the file and, for a statement, its
 * place (`statements[2]`) and field.
 */
export function parseOpenVex(content: string, source: string): VexDocument {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new InputError(`${source} is not valid JSON: ${describeError(error)}`, { cause: error });
  }
  const envelope = VexEnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    throw new InputError(`${source} is not an OpenVEX document: ${describeIssues(envelope.error)}`);
  }
  const timestamp = parseInstant(envelope.data.timestamp);
  if (timestamp === undefined) {
    throw new InputError(`${source}: timestamp ${timeProblem}`);
  }
  return {
    source,
    id: envelope.data['@id'],
    author: envelope.data.author,
    statements: envelope.data.statements.map((raw, index) =>
      toStatement(raw, index, `${source}: statements[${index}]`, timestamp)
    ),
  };
}

export async function readVexFile(path: string): Promise<VexDocument> {
  return parseOpenVex(await readPolicyText(path, 'VEX document', maxVexFileBytes), path);
}

const timeProblem =
  'must be an RFC 3339 date-time with its offset (2024-05-01T12:00:00Z) or a date';

function toStatement(raw: unknown, index: number, where: string, inherited: number): VexStatement {
  const result = VexStatementSchema.safeParse(raw);
  if (!result.success) {
    throw new InputError(`${where}: ${describeIssues(result.error)}`);
  }
  const statement = result.data;
  let timestamp = inherited;
  if (statement.timestamp !== undefined) {
    const own = parseInstant(statement.timestamp);
    if (own === undefined) {
      throw new InputError(`${where}: timestamp ${timeProblem}`);
    }
    timestamp = own;
  }
  const { name, '@id': id, aliases } = statement.vulnerability;
  const impact = statement.impact_statement?.trim();
  return {
    index,
    names: [name ?? id ?? '', ...(aliases ?? [])],
    purls: purlsOf(statement, where),
    status: statement.status,
    ...(statement.justification ? { justification: statement.justification } : {}),
    ...(impact ? { impactStatement: impact } : {}),
    timestamp,
  };
}

/**
 * Every purl among the statement's products and their subcomponents. An `@id` that is not a
 * purl (a URL naming the product some other way) matches no package and is passed over; one
 * that claims to be a purl and is not is an error, since the author meant it to match.
 */
function purlsOf(statement: RawVexStatement, where: string): PurlParts[] {
  const components = (statement.products ?? []).flatMap((product, index) => [
    { path: `products[${index}]`, component: product },
    ...(product.subcomponents ?? []).map((component, sub) => ({
      path: `products[${index}].subcomponents[${sub}]`,
      component,
    })),
  ]);
  (statement.subcomponents ?? []).forEach((component, index) => {
    components.push({ path: `subcomponents[${index}]`, component });
  });
  return components.flatMap(({ path, component }) => {
    const candidates: { field: string; text: string }[] = [];
    if (component['@id'] !== undefined && /^pkg:/i.test(component['@id'])) {
      candidates.push({ field: `${path}.@id`, text: component['@id'] });
    }
    if (component.identifiers?.purl !== undefined) {
      candidates.push({ field: `${path}.identifiers.purl`, text: component.identifiers.purl });
    }
    return candidates.map(({ field, text }) => {
      const pattern = parsePurlPattern(text);
      if ('error' in pattern) {
        throw new InputError(`${where}: ${field} ${pattern.error}`);
      }
      return pattern;
    });
  });
}
