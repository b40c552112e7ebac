import type { z } from 'zod';

/**
 * The first few problems zod found, each as `field: message`, with array positions written
 * as a JSON path writes them (`products[0].@id`). Values are never quoted: a policy file may
 * sit next to secrets, and the field name is enough to find the mistake.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path
        .map((key, position) =>
          typeof key === 'number' ? `[${key}]` : `${position > 0 ? '.' : ''}${String(key)}`
        )
        .join('');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
