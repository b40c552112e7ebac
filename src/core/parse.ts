import type { z } from 'zod';
import { InputError } from './errors.js';

/**
 * Parses untrusted JSON through a schema. Failures name the document and the first few
 * fields that were wrong, never the document's contents (it may hold secrets).
 */
export function parseJson<T extends z.ZodType>(
  schema: T,
  text: string | Uint8Array,
  what: string
): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
  } catch (error) {
    throw new InputError(`${what} is not valid JSON`, { cause: error });
  }
  return parseValue(schema, value, what);
}

export function parseValue<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 3)
      .map(
        (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`
      )
      .join('; ');
    throw new InputError(`${what} is malformed: ${problems}`);
  }
  return result.data;
}
