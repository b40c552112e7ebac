import { z } from 'zod';
import { sbomLimits } from '../limits.js';

/**
 * The parts of SPDX 2.2 and 2.3 JSON a reassessment reads. Package names, versions, purposes
 * and external references decide the match and are checked strictly; free text (licences,
 * supplier, source info, description) falls back to nothing when it is malformed.
 */
export const supportedSpdxVersions = ['SPDX-2.2', 'SPDX-2.3'] as const;

const ExternalRef = z.object({
  referenceCategory: z.string(),
  referenceType: z.string(),
  referenceLocator: z.string(),
});

export const SpdxPackage = z.object({
  SPDXID: z.string(),
  name: z.string(),
  versionInfo: z.string().optional(),
  externalRefs: z.array(ExternalRef).max(sbomLimits.maxPropertiesPerComponent).optional(),
  primaryPackagePurpose: z.string().optional(),
  supplier: z.string().optional().catch(undefined),
  licenseDeclared: z.string().optional().catch(undefined),
  sourceInfo: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
});
export type SpdxPackage = z.infer<typeof SpdxPackage>;

const Relationship = z.object({
  spdxElementId: z.string(),
  relationshipType: z.string(),
  relatedSpdxElement: z.string(),
});

export const SpdxDocument = z.object({
  spdxVersion: z.enum(supportedSpdxVersions),
  name: z.string().optional().catch(undefined),
  creationInfo: z
    .object({
      created: z.string().optional().catch(undefined),
      creators: z.array(z.string()).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  documentDescribes: z.array(z.string()).optional().catch(undefined),
  packages: z.array(SpdxPackage).max(sbomLimits.maxComponents).optional(),
  // Only the document's DESCRIBES relationships are used, to find the subject in SPDX 2.2.
  relationships: z.array(Relationship).optional().catch(undefined),
});
export type SpdxDocument = z.infer<typeof SpdxDocument>;
