import { z } from 'zod';

/**
 * The secdb shape, as Alpine publishes it in YAML and JSON alike:
 * `{distroversion, reponame, packages: [{pkg: {name, secfixes: {"<fixed>": ["CVE-…"]}}}]}`.
 * What decides a verdict (the release, the package name, the fixes) is checked strictly;
 * what only describes the repository (`archs`, `urlprefix`, `apkurl`) is not read.
 */

/** `v3.11`, or `edge` for the development branch. */
const release = /^(?:v\d+\.\d+|edge)$/;

/** apk package names: letters, digits and `+_.-`, starting with a letter or a digit. */
const packageName = /^[A-Za-z0-9][A-Za-z0-9+_.-]*$/;

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export const SecdbDocument = z
  .object({
    distroversion: z.string().regex(release, 'expected a release such as v3.11 or edge'),
    reponame: z.string().optional(),
    // A repository with nothing fixed yet is published as `packages:` with no value.
    packages: z.array(z.unknown()).nullable(),
  })
  .loose();
export type SecdbDocument = z.infer<typeof SecdbDocument>;

/**
 * secfixes is taken as the object it is rather than through z.record: zod drops a key named
 * `__proto__` from records, and a fix must be reported, never silently lost.
 */
export const SecdbPackage = z
  .object({
    pkg: z
      .object({
        name: z.string().regex(packageName, 'expected an apk package name'),
        secfixes: z.custom<Readonly<Record<string, unknown>>>(isPlainObject, {
          error: 'expected a map of fixed versions to advisory ids',
        }),
      })
      .loose(),
  })
  .loose();
export type SecdbPackage = z.infer<typeof SecdbPackage>;

/** How many schema problems one error item names; the first few are enough to find the rest. */
const issuesShown = 3;

/** Names the fields that were wrong and what zod expected, without echoing the data. */
export function describeIssues(issues: z.ZodError['issues']): string {
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
