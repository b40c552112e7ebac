import { z } from 'zod';

/**
 * The tracker's JSON (https://security-tracker.debian.org/tracker/data/json), as
 * `bin/tracker_service.py` writes it: source package → issue (`CVE-…`, `TEMP-…`) → this.
 * Fields that decide whether a package is affected are strict; descriptive ones fall back to
 * absent when they have an odd type, because an issue with an odd description is still an
 * issue.
 */
const optionalText = z.string().optional().catch(undefined);

export const TrackerIssue = z
  .object({
    description: optionalText,
    /** `remote` or `local`, from NVD; absent when unknown. */
    scope: optionalText,
    /** The lowest Debian bug number filed for the issue. */
    debianbug: z.number().int().positive().optional().catch(undefined),
    /** By codename (`bookworm`, `sid`…): only the releases the package is in. */
    releases: z.record(z.string(), z.unknown()),
  })
  .loose();
export type TrackerIssue = z.infer<typeof TrackerIssue>;

export const TrackerRelease = z
  .object({
    /** `resolved`, `open` or `undetermined`. */
    status: z.string(),
    /** Only with `resolved`; `0` when the release was never affected. */
    fixed_version: z.string().optional(),
    /**
     * `low`, `medium`, `high` (with `**` when NVD assigned it), `unimportant`,
     * `not yet assigned`, `end-of-life`.
     */
    urgency: optionalText,
    /**
     * Why no advisory will be issued (`Minor issue`…), with `nodsa_reason` `ignored`,
     * `postponed` or absent.
     */
    nodsa: optionalText,
    nodsa_reason: optionalText,
  })
  .loose();
export type TrackerRelease = z.infer<typeof TrackerRelease>;
