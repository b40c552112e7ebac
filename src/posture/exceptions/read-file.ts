import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../core/errors.js';
import { parseValue } from '../../core/parse.js';
import type { Exception } from './types.js';

const names = z.array(z.string().min(1)).min(1);

const Entry = z.strictObject({
  checks: names.optional(),
  controls: z
    .array(z.string().regex(/^[a-z0-9.-]+:[^\s]+$/, 'a control is framework:id'))
    .min(1)
    .optional(),
  namespaces: names.optional(),
  kinds: names.optional(),
  names: names.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  reason: z.string().trim().min(1, 'every exception needs a reason'),
  expires: z.iso.date().optional(),
});

const ExceptionFile = z.strictObject({ exceptions: z.array(Entry) });

const maxBytes = 4 * 1024 * 1024;

/**
 * Reads an exceptions file:
 *
 * ```yaml
 * exceptions:
 *   - checks: [pss-privileged]
 *     namespaces: [monitoring]
 *     names: [node-exporter]
 *     reason: needs the host's /proc; reviewed by security, ticket SEC-142
 *     expires: 2027-03-31
 * ```
 *
 * An entry that matches everything (no check, control, namespace, kind, name or label) is
 * refused: it would silence the whole assessment.
 */
export async function readExceptionFile(path: string): Promise<Exception[]> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > maxBytes) {
      throw new InputError(`${path}: over ${maxBytes} bytes; not an exceptions file`);
    }
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new NotFoundError(`cannot read the exceptions file ${path}`, { cause: error });
  }
  const document = parseDocument(text, { schema: 'core', uniqueKeys: true, logLevel: 'error' });
  const problem = document.errors[0];
  if (problem) {
    throw new InputError(`${path}: not valid YAML: ${problem.message.split('\n')[0] ?? ''}`);
  }
  const parsed = parseValue(ExceptionFile, document.toJS({ maxAliasCount: 50 }), path);
  return parsed.exceptions.map((entry, index) => {
    const { reason, expires, ...scope } = entry;
    if (Object.keys(scope).length === 0) {
      throw new InputError(
        `${path}: exceptions[${index}] names no check, control, namespace, kind, name or label; it would exempt everything`
      );
    }
    return { ...scope, reason, ...(expires ? { expires } : {}), origin: `${path}#${index + 1}` };
  });
}
