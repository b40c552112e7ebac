import type { z } from 'zod';

/** How many problems one message names; the first few are enough to find the rest. */
const issuesShown = 3;

/** Names the fields that were wrong and what was expected; never echoes the data itself. */
export function describeZodIssues(issues: z.ZodError['issues']): string {
  const named = issues
    .slice(0, issuesShown)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
  const more = issues.length > issuesShown ? ` (and ${issues.length - issuesShown} more)` : '';
  return `${named}${more}`;
}
