import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date');

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalog. The fields that decide what a
 * finding shows are strict; the catalog's descriptive fields are not read, so they are not
 * checked either.
 */
export const KevEntry = z
  .object({
    cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'expected a CVE id (CVE-YYYY-NNNN)'),
    dateAdded: day,
    dueDate: day.optional().catch(undefined),
    /** `Known` or `Unknown` in the catalog; anything but `Known` is not a known use. */
    knownRansomwareCampaignUse: z.string().optional(),
  })
  .loose();
export type KevEntry = z.infer<typeof KevEntry>;

/** The catalog document: entries are checked one at a time, so one bad entry spoils no other. */
export const KevCatalog = z
  .object({
    catalogVersion: z.string().optional(),
    dateReleased: z.string().optional(),
    vulnerabilities: z.array(z.unknown()),
  })
  .loose();
