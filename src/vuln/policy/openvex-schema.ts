import { z } from 'zod';

export const vexStatuses = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;

export const vexJustifications = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

const text = z.string().trim().min(1);

/**
 * OpenVEX 0.0.x wrote products, subcomponents and the vulnerability as plain strings; 0.2.0
 * writes objects. Strings are lifted into the object form first, so one schema (and its
 * field-level messages) serves both.
 */
function liftString<T extends z.ZodType>(key: string, schema: T) {
  return z.preprocess((value) => (typeof value === 'string' ? { [key]: value } : value), schema);
}

/** A component names itself by `@id` (any IRI, a purl among them) or by identifiers. */
const component = {
  '@id': text.optional(),
  // cpe22 and cpe23 are accepted and ignored: findings are matched by purl only.
  identifiers: z.object({ purl: text.optional() }).optional(),
};

const Subcomponent = liftString('@id', z.object(component));

const Product = liftString(
  '@id',
  z.object({ ...component, subcomponents: z.array(Subcomponent).optional() })
);

const Vulnerability = liftString(
  'name',
  z
    .object({ name: text.optional(), '@id': text.optional(), aliases: z.array(text).optional() })
    .refine((value) => value.name !== undefined || value['@id'] !== undefined, {
      error: 'needs a name',
      path: ['name'],
    })
);

export const VexStatementSchema = z
  .object({
    vulnerability: Vulnerability,
    products: z.array(Product).optional(),
    // 0.0.x only: subcomponents beside the products, meant for each of them.
    subcomponents: z.array(Subcomponent).optional(),
    status: z.enum(vexStatuses),
    justification: z.enum(vexJustifications).optional(),
    impact_statement: z.string().optional(),
    action_statement: z.string().optional(),
    timestamp: text.optional(),
  })
  // The spec requires one of the two, and without either a suppression has no reason to show.
  // affected's required action_statement is not checked: nothing here depends on it.
  .refine(
    (statement) =>
      statement.status !== 'not_affected' ||
      statement.justification !== undefined ||
      (statement.impact_statement ?? '').trim() !== '',
    {
      error: 'a not_affected statement needs a justification or an impact_statement',
      path: ['justification'],
    }
  );

export type RawVexStatement = z.infer<typeof VexStatementSchema>;

/**
 * The document around the statements. Statements are checked one by one afterwards, so an
 * error names the statement. Fields we do not use (role, tooling, last_updated) are allowed.
 */
export const VexEnvelopeSchema = z.object({
  '@context': z.string().startsWith('https://openvex.dev/ns', 'is not an OpenVEX context'),
  '@id': text,
  author: text,
  timestamp: text,
  // 0.0.x tools wrote the version as a string.
  version: z.union([z.number().int().min(1), z.string().regex(/^[1-9]\d*$/)]),
  statements: z.array(z.unknown()),
});
