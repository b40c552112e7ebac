import { z } from 'zod';

/**
 * The OSV schema (https://ossf.github.io/osv-schema/), as far as a verdict depends on it.
 * Fields that decide whether a package is affected are strict; descriptive fields are kept
 * loose, because an advisory with an odd reference is still an advisory.
 */
export const OsvEvent = z.union([
  z.object({ introduced: z.string().min(1) }).strict(),
  z.object({ fixed: z.string().min(1) }).strict(),
  z.object({ last_affected: z.string().min(1) }).strict(),
  z.object({ limit: z.string().min(1) }).strict(),
]);
export type OsvEvent = z.infer<typeof OsvEvent>;

export const OsvRange = z
  .object({
    type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']),
    repo: z.string().optional(),
    events: z.array(OsvEvent).min(1),
    database_specific: z.unknown().optional(),
  })
  .loose();
export type OsvRange = z.infer<typeof OsvRange>;

export const OsvSeverity = z
  .object({
    type: z.string(),
    score: z.string(),
  })
  .loose();
export type OsvSeverity = z.infer<typeof OsvSeverity>;

export const OsvAffected = z
  .object({
    package: z
      .object({
        ecosystem: z.string().min(1),
        name: z.string().min(1),
        purl: z.string().optional(),
      })
      .loose(),
    severity: z.array(OsvSeverity).optional(),
    ranges: z.array(OsvRange).optional(),
    versions: z.array(z.string()).optional(),
    ecosystem_specific: z.record(z.string(), z.unknown()).optional(),
    database_specific: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type OsvAffected = z.infer<typeof OsvAffected>;

export const OsvRecord = z
  .object({
    schema_version: z.string().optional(),
    id: z.string().min(1).max(256),
    modified: z.string().min(1),
    published: z.string().optional(),
    withdrawn: z.string().optional(),
    aliases: z.array(z.string()).nullish(),
    upstream: z.array(z.string()).optional(),
    related: z.array(z.string()).optional(),
    summary: z.string().optional(),
    details: z.string().optional(),
    severity: z.array(OsvSeverity).nullish(),
    affected: z.array(OsvAffected).optional(),
    references: z.array(z.object({ type: z.string(), url: z.string() }).loose()).nullish(),
    database_specific: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type OsvRecord = z.infer<typeof OsvRecord>;

/**
 * An `affected` entry as the database stores it: the package is the row's key, so it is not
 * repeated, and only what a verdict or a finding reads is kept.
 */
export type StoredAffected = Pick<
  OsvAffected,
  'ranges' | 'versions' | 'severity' | 'database_specific'
>;
