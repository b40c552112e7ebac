import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The official SPDX 2.3 JSON schema, when the shared data folder beside the repository has
 * one. It is not in the repository (its licence and upkeep are SPDX's), so tests use it when
 * present and fall back to the zod model in `spdx-2.3.ts` alone when not.
 */
export const officialSpdxSchemaPath = fileURLToPath(
  new URL('../../../shared/data/schemas/spdx-2.3.schema.json', import.meta.url)
);

/** A validator returning the schema's error messages (empty when valid), or undefined when the file is absent. */
export function officialSpdxValidator(
  path = officialSpdxSchemaPath
): ((document: unknown) => string[]) | undefined {
  if (!existsSync(path)) {
    return undefined;
  }
  const schema = JSON.parse(readFileSync(path, 'utf8')) as AnySchemaObject;
  const validate = compile(schema);
  return (document) => {
    if (validate(document)) {
      return [];
    }
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? ''}`
    );
  };
}

// The published 2.3 schemas differ in draft (07 first, 2019-09 for 2.3.1); pick the matching Ajv.
function compile(schema: AnySchemaObject): ValidateFunction {
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options = { strict: false, allErrors: true };
  const ajv = draft.includes('2020-12')
    ? new Ajv2020(options)
    : draft.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats.default(ajv);
  return ajv.compile(schema);
}
