import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../core/errors.js';
import { parseValue } from '../../core/parse.js';
import type { DetectionException } from './types.js';

const patterns = z.array(z.string().min(1)).min(1);

const Entry = z.strictObject({
  rules: patterns.optional(),
  users: patterns.optional(),
  groups: patterns.optional(),
  serviceAccounts: z
    .array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'a service account is namespace/name'))
    .min(1)
    .optional(),
  namespaces: patterns.optional(),
  resources: patterns.optional(),
  names: patterns.optional(),
  images: patterns.optional(),
  userAgents: patterns.optional(),
  reason: z.string().trim().min(1, 'every exception needs a reason'),
  expires: z.iso.date().optional(),
});

const ExceptionFile = z.strictObject({ exceptions: z.array(Entry) });

const maxBytes = 4 * 1024 * 1024;

/**
 * Reads a detection exceptions file:
 *
 * ```yaml
 * exceptions:
 *   - rules: [pod-exec]
 *     groups: [sre-oncall]
 *     namespaces: [shop]
 *     reason: on-call debugging, reviewed in SEC-311
 *     expires: 2027-01-31
 * ```
 *
 * An entry that scopes nothing is refused: it would silence every detection.
 */
export async function readDetectionExceptions(path: string): Promise<DetectionException[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new NotFoundError(`cannot read the exceptions file ${path}`, { cause: error });
  }
  if (bytes.length > maxBytes) {
    throw new InputError(`${path}: over ${maxBytes} bytes; not an exceptions file`);
  }
  const document = parseDocument(bytes.toString('utf8'), {
    schema: 'core',
    uniqueKeys: true,
    logLevel: 'error',
  });
  const problem = document.errors[0];
  if (problem) {
    throw new InputError(`${path}: not valid YAML: ${problem.message.split('\n')[0] ?? ''}`);
  }
  const parsed = parseValue(ExceptionFile, document.toJS({ maxAliasCount: 50 }), path);
  return parsed.exceptions.map((entry, index) => {
    const { reason, expires, ...scope } = entry;
    if (Object.keys(scope).length === 0) {
      throw new InputError(
        `${path}: exceptions[${index}] scopes nothing (no rule, user, group, service account, namespace, resource, name, image or user agent); it would silence every detection`
      );
    }
    return { ...scope, reason, ...(expires ? { expires } : {}), origin: `${path}#${index + 1}` };
  });
}
